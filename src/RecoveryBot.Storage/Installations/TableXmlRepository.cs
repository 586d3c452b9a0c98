using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace RecoveryBot.Storage.Installations;

/// <summary>
/// The Data Protection key ring in the <c>dataprotection</c> table of the same storage account, so every instance
/// and every restart can decrypt the stored tokens. One row per key (RowKey the key's friendly name, the XML in
/// one column). Data Protection calls this synchronously and rarely (start, then about once a day).
/// </summary>
internal sealed class TableXmlRepository(TableStorage storage) : IXmlRepository
{
    private const string Partition = "keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var table = storage.DataProtectionKeys;
        table.CreateIfNotExists();
        return [.. table.Query<TableEntity>(e => e.PartitionKey == Partition).Select(e => XElement.Parse(e.GetString("Xml") ?? "<empty/>"))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var table = storage.DataProtectionKeys;
        table.CreateIfNotExists();
        // Friendly names are "key-<guid>"; anything a row key may not hold is dropped.
        var row = new string([.. friendlyName.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]);
        table.UpsertEntity(new TableEntity(Partition, row.Length > 0 ? row : Guid.NewGuid().ToString("N"))
        {
            ["Xml"] = element.ToString(SaveOptions.DisableFormatting),
        });
    }
}
