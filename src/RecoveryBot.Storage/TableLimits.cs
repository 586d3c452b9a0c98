using Azure.Data.Tables;
using RecoveryBot.Core.App;

namespace RecoveryBot.Storage;

/// <summary>
/// Azure Table Storage's size limits, checked when a row is composed: a row over them would be refused with a 400 at
/// commit, after the turn was decided. The service counts strings in UTF-16, so a property holds 32K characters of
/// any script; the entity size follows the formula of the service's documentation.
/// </summary>
internal static class TableLimits
{
    /// <summary>64 KiB per string property, UTF-16.</summary>
    public const int MaxStringChars = 32 * 1024;

    /// <summary>1 MiB per entity, keys and property names included.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>The entity's size as the service counts it.</summary>
    public static long Size(TableEntity row)
    {
        long size = 4 + (row.PartitionKey.Length + row.RowKey.Length) * 2L;
        foreach (var (name, value) in row)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") continue;
            size += 8 + name.Length * 2L + value switch
            {
                string s => 4 + s.Length * 2L,
                byte[] b => 4 + b.Length,
                BinaryData b => 4 + b.ToMemory().Length,
                bool => 1,
                int => 4,
                Guid => 16,
                _ => 8, // long, double, DateTimeOffset, DateTime
            };
        }
        return size;
    }

    /// <summary>Null when <paramref name="row"/> fits, else what does not (for logs and replies).</summary>
    public static string? Problem(TableEntity row)
    {
        foreach (var (name, value) in row)
        {
            if (value is string s && s.Length > MaxStringChars)
            {
                return $"{name} holds {s.Length} characters, more than the {MaxStringChars} a stored text can have";
            }
        }
        var size = Size(row);
        return size > MaxEntityBytes ? $"the row is {size / 1024} KiB, more than the {MaxEntityBytes / 1024} KiB a stored row can have" : null;
    }

    /// <summary>Refuses a row that would not fit, before anything is sent.</summary>
    public static TableEntity Checked(TableEntity row, string label) =>
        Problem(row) is { } problem ? throw new StoreTooLargeException(label, problem) : row;
}
