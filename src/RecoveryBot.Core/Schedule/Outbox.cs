using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Schedule;

/// <summary>
/// The durable outbox, one partition per recovery. An occurrence is added before it is sent (adding it again changes
/// nothing, so it is never sent twice) and kept after sending; every change of an item is guarded by its version, so
/// only one host holds an item's lease at a time.
/// </summary>
public interface IOutbox
{
    /// <summary>In one read: the recovery's items still to send, the notices owed to its lead, and where its planning stands.</summary>
    Task<OutboxBatch> ReadAsync(RecoveryId recovery, CancellationToken ct);

    /// <summary>
    /// Adds new occurrences' items and writes <paramref name="plan"/> (when given) with them, so the plan moves on only
    /// with the items it planned. An item there already (added by anyone) is reported not added. One the store cannot
    /// keep is stored as failed without its content, with the reason in <see cref="Enqueued.Refused"/>: it is never
    /// posted, and it neither blocks the recovery's other posts nor comes back. Added items come back with their
    /// version, so one added with a lease is sent without a second claim.
    /// </summary>
    Task<IReadOnlyList<Enqueued>> AddAsync(RecoveryId recovery, IReadOnlyList<OutboxItem> items, PlanMark? plan, CancellationToken ct);

    /// <summary>Writes the item if nobody changed it since it was read: the item with its new version, or null when someone did.</summary>
    Task<OutboxItem?> TryUpdateAsync(OutboxItem item, CancellationToken ct);

    /// <summary>Stores (or replaces) the line owed to the lead about post <paramref name="key"/>, for the next check-in.</summary>
    Task AddNoticeAsync(RecoveryId recovery, string key, string text, CancellationToken ct);

    /// <summary>Deletes notices a check-in listed; one already gone is no error.</summary>
    Task DeleteNoticesAsync(RecoveryId recovery, IEnumerable<OutboxNotice> notices, CancellationToken ct);

    /// <summary>The recovery's items that are done (sent, failed or expired): keys and due times only.</summary>
    Task<IReadOnlyList<FinishedItem>> FinishedAsync(RecoveryId recovery, CancellationToken ct);

    /// <summary>Deletes finished items; one already gone is no error.</summary>
    Task DeleteFinishedAsync(RecoveryId recovery, IEnumerable<FinishedItem> items, CancellationToken ct);

    /// <summary>A post as the outbox stores it.</summary>
    string Encode(Reply reply);

    /// <summary>The post stored as <paramref name="content"/>, or null when it cannot be read (empty, corrupt, of an unknown kind).</summary>
    Reply? TryDecode(string content);
}

public enum OutboxStatus { Pending, Sent, Failed, Expired }

/// <summary>
/// One occurrence in the outbox: post <see cref="Key"/> (the occurrence's idempotency key) of a recovery, its
/// <see cref="Content"/> as the outbox stores it, and how sending it went. <see cref="Version"/> is the store's opaque
/// concurrency token.
/// </summary>
public sealed record OutboxItem(RecoveryId Recovery, string Key, PostKind Kind, DateTimeOffset DueAt)
{
    public bool Late { get; init; }
    public string Content { get; init; } = "";
    public string Platform { get; init; } = "";
    public DateTimeOffset EnqueuedAt { get; init; }
    public OutboxStatus Status { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? NotBefore { get; init; }
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? MessageId { get; init; }
    public string? Error { get; init; }

    /// <summary>The recipient's own zone (IANA id) whose business hours a personal post keeps; null for the recovery's.</summary>
    public string? Zone { get; init; }

    public string? Version { get; init; }

    public static OutboxItem For(Recovery r, Occurrence o, string content, DateTimeOffset now) => new(r.Id, o.Key, o.Kind, o.DueAt)
    {
        Late = o.Late,
        Content = content,
        Platform = r.Channel.Platform,
        EnqueuedAt = now,
        Zone = o.Zone?.Id,
    };

    /// <summary>The zone whose posting hours this item keeps.</summary>
    public TimeZoneInfo HoursIn(Recovery r) => Zone is { } id && TimeZones.Find(id) is { } zone ? zone : r.Zone;

    public bool IsLeased(DateTimeOffset now) => LeaseUntil > now;
}

/// <summary>What adding an item did: <see cref="Added"/> is false when it was there already; <see cref="Refused"/> says why it was stored as failed.</summary>
public sealed record Enqueued(OutboxItem Item, bool Added, string? Refused = null);

/// <summary>What planning reads of one recovery's outbox.</summary>
public sealed record OutboxBatch(IReadOnlyList<OutboxItem> Pending, IReadOnlyList<OutboxNotice> Notices, PlanMark Plan)
{
    public static readonly OutboxBatch Empty = new([], [], PlanMark.None);
}

/// <summary>
/// Where planning a recovery stands: every occurrence due up to <see cref="PlannedThrough"/> is in the outbox, and its
/// finished items are next swept at <see cref="SweepAt"/>. <see cref="Known"/> when read from the plan as it is kept
/// now, where a null sweep means nothing to sweep; from an older record, or none, a null sweep means not known.
/// </summary>
public sealed record PlanMark(DateTimeOffset? PlannedThrough, DateTimeOffset? SweepAt, bool Known = true)
{
    public static readonly PlanMark None = new(null, null, Known: false);

    public bool SweepDue(DateTimeOffset now) => SweepAt <= now || (!Known && SweepAt is null);
}

/// <summary>A line owed to the lead in the next check-in (a post that could not be delivered), kept under post <see cref="Key"/>.</summary>
public sealed record OutboxNotice(string Key, string Text)
{
    public string? Version { get; init; }
}

/// <summary>A sent, failed or expired item, as the sweep sees it.</summary>
public sealed record FinishedItem(string Key, DateTimeOffset DueAt)
{
    public string? Version { get; init; }
}
