namespace RecoveryBot.Storage;

/// <summary>The names of every table, all sharing the configured prefix.</summary>
public sealed record TableNames(string Prefix)
{
    public string Recoveries => Prefix + "recoveries";

    /// <summary>Due-index: PartitionKey is a UTC hour bucket (<see cref="Bucket"/>), RowKey an occurrence key.</summary>
    public string Schedule => Prefix + "schedule";

    public string Outbox => Prefix + "outbox";

    public string Leases => Prefix + "leases";

    /// <summary>Chat app installations per workspace (tokens encrypted), and one-time values such as OAuth states.</summary>
    public string Installations => Prefix + "installations";

    /// <summary>The Data Protection key ring that encrypts the stored tokens.</summary>
    public string DataProtectionKeys => Prefix + "dataprotection";

    /// <summary>People's recoveries: PartitionKey a hash of platform, tenant and user; RowKey a recovery id.</summary>
    public string People => Prefix + "people";

    public IReadOnlyList<string> All => [Recoveries, Schedule, Outbox, Leases, Installations, DataProtectionKeys, People];

    /// <summary>The schedule partition for an instant: <c>yyyyMMddHH</c> in UTC.</summary>
    public static string Bucket(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
}
