using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Schedule;

/// <summary>
/// The due-index as the scheduler's tick uses it: which recoveries need planning (or their outbox drained) by now,
/// claimed with leases that only one host holds at a time, and their next wake-ups. Reads grow with what is due,
/// never with the number of recoveries.
/// </summary>
public interface IDueIndex : IScheduleIndex
{
    /// <summary>The wake-ups due at <paramref name="now"/>, at most <paramref name="max"/>, oldest first.</summary>
    Task<DueScan> DueAsync(DateTimeOffset now, int max, CancellationToken ct);

    /// <summary>
    /// Moves the start of later scans past what this tick finished. <paramref name="left"/> are the wake-ups it did not
    /// finish (held by another host, failed, or beyond the tick's limit); they are read again.
    /// </summary>
    Task AdvanceAsync(DueScan scan, IEnumerable<DueWake> left, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Writes <paramref name="wake"/> with <paramref name="owner"/>'s lease until <paramref name="until"/> if nobody changed
    /// it since it was read. Returns the claimed wake-up (new version), or null when someone did.
    /// </summary>
    Task<DueWake?> TryClaimAsync(DueWake wake, string owner, DateTimeOffset until, CancellationToken ct);

    /// <summary>
    /// Done with a claimed wake-up: the recovery next wakes at <paramref name="next"/> (null: only a turn wakes it), and
    /// the claimed one goes, unless it was woken again since it was claimed, in which case it stays for the next tick.
    /// </summary>
    Task CompleteAsync(DueWake claimed, DateTimeOffset? next, CancellationToken ct);

    /// <summary>
    /// Replaces a claimed wake-up whose planning failed by one at <paramref name="at"/> that counts
    /// <paramref name="failures"/> failures in a row; a wake-up already there (a turn) stands.
    /// </summary>
    Task DeferAsync(DueWake claimed, DateTimeOffset at, int failures, CancellationToken ct);
}

/// <summary>
/// A recovery's wake-up: it needs planning at <see cref="WakeAt"/>. <see cref="Version"/> is the index's opaque
/// concurrency token; a claim or completion made on an outdated one is refused.
/// </summary>
public sealed record DueWake(RecoveryId Recovery, DateTimeOffset WakeAt)
{
    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>How often planning this recovery failed in a row (null: it did not); each failure waits longer.</summary>
    public int? Failures { get; init; }

    public string? Version { get; init; }

    public bool IsLeased(DateTimeOffset now) => LeaseUntil > now;
}

/// <summary>
/// The wake-ups one scan found due. <see cref="Watermark"/> is the index's own note of where scans start, as it was
/// read (opaque here); <see cref="IDueIndex.AdvanceAsync"/> gets it back.
/// </summary>
public sealed record DueScan(IReadOnlyList<DueWake> Wakes, string? Watermark = null)
{
    public static readonly DueScan Empty = new([]);
}

/// <summary>What the scheduler's stores say of their own failures; the workflow cannot read a storage SDK's exceptions.</summary>
public interface IStoreFailures
{
    /// <summary>What <paramref name="error"/> is, as far as the store is concerned.</summary>
    StoreFailure Classify(Exception error, CancellationToken ct);

    /// <summary>A short, single-line reason for the log.</summary>
    string Describe(Exception error);
}

public enum StoreFailure
{
    /// <summary>Not the store's: a bug, a row that cannot be read, the caller's cancellation.</summary>
    None,

    /// <summary>The store answered and refused (a bad request, a conflict it does not retry).</summary>
    Refused,

    /// <summary>The store is away for a while (network, timeouts, throttling, server errors); the next tick tries again.</summary>
    Unavailable,
}
