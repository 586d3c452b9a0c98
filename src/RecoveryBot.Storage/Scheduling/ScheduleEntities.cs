using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Storage.Entities;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>
/// A due-index entry: recovery <c>RowKey</c> needs planning (or its outbox drained) at <see cref="WakeAt"/>.
/// <c>PartitionKey</c> is the UTC hour bucket of <see cref="WakeAt"/>, so a tick reads only the buckets up to now.
/// </summary>
internal sealed class DueEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset WakeAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>How often planning this recovery failed in a row (null: it did not); each failure waits longer.</summary>
    public int? Failures { get; set; }

    [IgnoreDataMember]
    public RecoveryId Recovery => new(RowKey);

    public static DueEntry Create(RecoveryId recovery, DateTimeOffset wakeAt) =>
        new() { PartitionKey = TableNames.Bucket(wakeAt), RowKey = recovery.Value, WakeAt = wakeAt };

    public static DueEntry From(DueWake wake)
    {
        var entry = Create(wake.Recovery, wake.WakeAt);
        entry.LeaseOwner = wake.LeaseOwner;
        entry.LeaseUntil = wake.LeaseUntil;
        entry.Failures = wake.Failures;
        entry.ETag = wake.Version is null ? default : new ETag(wake.Version);
        return entry;
    }

    public DueWake ToWake() => new(Recovery, WakeAt)
    {
        LeaseOwner = LeaseOwner, LeaseUntil = LeaseUntil, Failures = Failures, Version = Columns.Version(ETag),
    };

    public bool IsLeased(DateTimeOffset now) => LeaseUntil > now;
}

/// <summary>
/// The plan state as older versions kept it (now <see cref="PlanRow"/>; this is read only when that row is missing).
/// Per recovery: every occurrence due up to <see cref="PlannedThrough"/> is in the outbox, and its finished outbox rows
/// are next swept at <see cref="SweepAt"/> (missing or past: at the next planning). Both keys are the recovery id
/// (a recovery id never looks like an hour bucket, so bucket scans never meet these rows; a unique RowKey also keeps
/// point reads cheap in Azurite, which indexes RowKey alone). Each value is written on its own (merge).
/// </summary>
internal sealed class PlanStateEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset? PlannedThrough { get; set; }
    public DateTimeOffset? SweepAt { get; set; }
}

/// <summary>
/// The plan state as a row of the recovery's own outbox partition (RowKey <see cref="Prefix"/> + recovery id, unique so
/// that Azurite's RowKey index keeps it cheap). It is read by the same query as the pending rows and written in the
/// same transaction as the rows it planned, so planning costs no separate plan-state request. <see cref="SweepAt"/>
/// here is set whenever rows are added, so null means the partition holds no row to sweep (unlike the older
/// <see cref="PlanStateEntity"/> in the due-index table, still read when this row is missing, where null means unknown).
/// </summary>
internal sealed class PlanRow : ITableEntity
{
    public const string Prefix = "~plan|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset? PlannedThrough { get; set; }
    public DateTimeOffset? SweepAt { get; set; }

    public static string KeyOf(RecoveryId id) => Prefix + id.Value;
}

/// <summary>The oldest due-index bucket that may still hold entries; ticks scan from here.</summary>
internal sealed class WatermarkEntity : ITableEntity
{
    public const string Partition = "scheduler";
    public const string Row = "watermark";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Bucket { get; set; } = "";
}

/// <summary>A line owed to the lead in the next check-in (a post that could not be delivered).</summary>
internal sealed class NoticeEntity : ITableEntity
{
    public const string Prefix = "~notice|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Text { get; set; } = "";
}
