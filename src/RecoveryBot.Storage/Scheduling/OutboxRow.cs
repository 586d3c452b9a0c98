using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>
/// One occurrence in the outbox: PartitionKey = recovery id, RowKey = the occurrence's idempotency key, so adding it
/// twice answers 409. The row is kept after sending; that is what makes a post happen once.
/// </summary>
internal sealed class OutboxRow : ITableEntity
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Expired = "expired";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public bool Late { get; set; }
    public string Payload { get; set; } = "";
    public string Platform { get; set; } = "";
    public DateTimeOffset EnqueuedAt { get; set; }
    public string Status { get; set; } = Pending;
    public int Attempts { get; set; }
    public DateTimeOffset? NotBefore { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? MessageId { get; set; }
    public string? Error { get; set; }

    /// <summary>The recipient's own zone (IANA id) whose business hours a personal post keeps; null for the recovery's.</summary>
    public string? Zone { get; set; }

    [IgnoreDataMember]
    public string Key => RowKey;

    [IgnoreDataMember]
    public PostKind PostKind => Enum.TryParse<PostKind>(Kind, out var k) ? k : PostKind.Checkin;

    public static OutboxRow Create(Recovery r, Occurrence o, DateTimeOffset now) => new()
    {
        PartitionKey = r.Id.Value,
        RowKey = o.Key,
        Kind = o.Kind.ToString(),
        DueAt = o.DueAt,
        Late = o.Late,
        Payload = OutboxJson.Write(o.Reply),
        Platform = r.Channel.Platform,
        EnqueuedAt = now,
        Zone = o.Zone?.Id,
    };

    /// <summary>A row read as a plain entity (by the query that also reads the plan row and the notices).</summary>
    public static OutboxRow From(TableEntity e) => new()
    {
        PartitionKey = e.PartitionKey,
        RowKey = e.RowKey,
        Timestamp = e.Timestamp,
        ETag = e.ETag,
        Kind = e.GetString(nameof(Kind)) ?? "",
        DueAt = e.GetDateTimeOffset(nameof(DueAt)) ?? default,
        Late = e.GetBoolean(nameof(Late)) ?? false,
        Payload = e.GetString(nameof(Payload)) ?? "",
        Platform = e.GetString(nameof(Platform)) ?? "",
        EnqueuedAt = e.GetDateTimeOffset(nameof(EnqueuedAt)) ?? default,
        Status = e.GetString(nameof(Status)) ?? Pending,
        Attempts = e.GetInt32(nameof(Attempts)) ?? 0,
        NotBefore = e.GetDateTimeOffset(nameof(NotBefore)),
        LeaseOwner = e.GetString(nameof(LeaseOwner)),
        LeaseUntil = e.GetDateTimeOffset(nameof(LeaseUntil)),
        SentAt = e.GetDateTimeOffset(nameof(SentAt)),
        MessageId = e.GetString(nameof(MessageId)),
        Error = e.GetString(nameof(Error)),
        Zone = e.GetString(nameof(Zone)),
    };

    /// <summary>The row as the scheduler's workflow sees it; the ETag becomes its version.</summary>
    public OutboxItem ToItem() => new(new RecoveryId(PartitionKey), RowKey, PostKind, DueAt)
    {
        Late = Late,
        Content = Payload,
        Platform = Platform,
        EnqueuedAt = EnqueuedAt,
        Status = Status switch { Sent => OutboxStatus.Sent, Failed => OutboxStatus.Failed, Expired => OutboxStatus.Expired, _ => OutboxStatus.Pending },
        Attempts = Attempts,
        NotBefore = NotBefore,
        LeaseOwner = LeaseOwner,
        LeaseUntil = LeaseUntil,
        SentAt = SentAt,
        MessageId = MessageId,
        Error = Error,
        Zone = Zone,
        Version = Entities.Columns.Version(ETag),
    };

    /// <summary>The row an item is stored as (every column: updates replace the whole row, guarded by the version).</summary>
    public static OutboxRow From(OutboxItem item) => new()
    {
        PartitionKey = item.Recovery.Value,
        RowKey = item.Key,
        ETag = item.Version is null ? default : new ETag(item.Version),
        Kind = item.Kind.ToString(),
        DueAt = item.DueAt,
        Late = item.Late,
        Payload = item.Content,
        Platform = item.Platform,
        EnqueuedAt = item.EnqueuedAt,
        Status = item.Status switch
        {
            OutboxStatus.Sent => Sent, OutboxStatus.Failed => Failed, OutboxStatus.Expired => Expired, _ => Pending,
        },
        Attempts = item.Attempts,
        NotBefore = item.NotBefore,
        LeaseOwner = item.LeaseOwner,
        LeaseUntil = item.LeaseUntil,
        SentAt = item.SentAt,
        MessageId = item.MessageId,
        Error = item.Error,
        Zone = item.Zone,
    };

    /// <summary>Marks a row that cannot be stored as it is: failed, without its payload, so it is never sent.</summary>
    public void Refuse(string reason)
    {
        Status = Failed;
        Payload = "";
        Error = reason.Length <= 500 ? reason : reason[..500];
    }
}
