using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage;

/// <summary>
/// <see cref="IPeopleIndex"/> in the people table: one partition per person (a hash of platform, tenant and user id,
/// so ids with any characters fit), one empty row per recovery. Reading a person's recoveries is one partition query.
/// The same partition keeps the person's direct address (<see cref="IDirectAddresses"/>) and their time zone
/// (<see cref="IPersonZones"/>) in rows of their own.
/// </summary>
public sealed class TablePeopleIndex(TableStorage storage) : IPeopleIndex, IDirectAddresses, IPersonZones
{
    private const int MaxRows = 200;
    private const string AddressRow = "direct";
    private const string AddressColumn = "Address";
    private const string ZoneRow = "zone";
    private const string ZoneColumn = "Zone";

    public async Task<IReadOnlyList<RecoveryId>> RecoveriesOfAsync(PersonKey person, CancellationToken ct)
    {
        try
        {
            var ids = new List<RecoveryId>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(person)}");
            await foreach (var row in storage.People.QueryAsync<TableEntity>(filter, maxPerPage: MaxRows, select: ["RowKey"], cancellationToken: ct))
            {
                if (RecoveryId.TryParse(row.RowKey, out var id)) ids.Add(id);
                if (ids.Count >= MaxRows) break;
            }
            return ids;
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
    }

    public async Task AddAsync(PersonKey person, RecoveryId recovery, CancellationToken ct)
    {
        try
        {
            await storage.People.UpsertEntityAsync(new TableEntity(Partition(person), recovery.Value), TableUpdateMode.Replace, ct);
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
    }

    public Task<string?> GetAsync(PersonKey person, CancellationToken ct) => ReadAsync(person, AddressRow, AddressColumn, ct);

    public Task SetAsync(PersonKey person, string address, CancellationToken ct) =>
        WriteAsync(TableLimits.Checked(new TableEntity(Partition(person), AddressRow) { [AddressColumn] = address }, "direct address"), ct);

    public Task<string?> GetZoneAsync(PersonKey person, CancellationToken ct) => ReadAsync(person, ZoneRow, ZoneColumn, ct);

    public Task SetZoneAsync(PersonKey person, string zone, CancellationToken ct) =>
        WriteAsync(TableLimits.Checked(new TableEntity(Partition(person), ZoneRow) { [ZoneColumn] = zone }, "time zone"), ct);

    private async Task<string?> ReadAsync(PersonKey person, string rowKey, string column, CancellationToken ct)
    {
        try
        {
            var row = await storage.People.GetEntityIfExistsAsync<TableEntity>(Partition(person), rowKey, [column], ct);
            return row.HasValue ? row.Value!.GetString(column) : null;
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
    }

    private async Task WriteAsync(TableEntity row, CancellationToken ct)
    {
        try
        {
            await storage.People.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
    }

    private static string Partition(PersonKey p) =>
        "p" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{p.Platform}\n{p.Tenant}\n{p.User}")), 0, 16);
}
