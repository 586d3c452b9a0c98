namespace RecoveryBot.Storage;

/// <summary>The names of every table, all sharing the configured prefix.</summary>
public sealed record TableNames(string Prefix)
{
    public string Recoveries => Prefix + "recoveries";

    /// <summary>Due-index: PartitionKey is a UTC hour bucket (<see cref="Bucket"/>), RowKey an occurrence key.</summary>
    public string Schedule => Prefix + "schedule";

    public string Outbox => Prefix + "outbox";

    public string Leases => Prefix + "leases";

    public IReadOnlyList<string> All => [Recoveries, Schedule, Outbox, Leases];

    /// <summary>The schedule partition for an instant: <c>yyyyMMddHH</c> in UTC.</summary>
    public static string Bucket(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
}
