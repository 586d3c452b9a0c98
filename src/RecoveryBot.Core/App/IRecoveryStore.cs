using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.App;

/// <summary>
/// The gap log's storage. Every method is scoped to one recovery, whose rows live together
/// (one partition), so a commit is a single atomic, version-guarded transaction.
/// </summary>
/// <remarks>
/// A gap's number is claimed by inserting its row: the insert fails when the number is taken, so ids stay
/// contiguous with any number of hosts without writing a counter row on every report. The recovery row's
/// <see cref="Model.Recovery.NextGapNumber"/> is a lower bound kept for a cheap start;
/// <see cref="NextGapNumberAsync"/> finds the true next number from it.
/// </remarks>
public interface IRecoveryStore
{
    /// <summary>The recovery row as stored now.</summary>
    Task<Recovery?> GetRecoveryAsync(RecoveryId id, CancellationToken ct);

    /// <summary>
    /// The recovery row, possibly a little old (a host may keep it in memory). Only for decisions the store
    /// fences: a gap report decided on an old row never lands once the row's phase or freeze has moved on
    /// (see <see cref="Changeset.FencesReports"/>); its commit answers a conflict on "recovery" instead.
    /// </summary>
    Task<Recovery?> GetRecentRecoveryAsync(RecoveryId id, CancellationToken ct) => GetRecoveryAsync(id, ct);

    /// <summary>
    /// Held while one gap report of the recovery is decided and committed, so reports on one host do not race
    /// each other for a number. A store that remembers the counter serializes them; others need not.
    /// </summary>
    ValueTask<IDisposable> EnterReportAsync(RecoveryId id, CancellationToken ct) => ValueTask.FromResult<IDisposable>(NoGate.Instance);

    Task<Gap?> GetGapAsync(RecoveryId id, GapId gap, CancellationToken ct);

    /// <summary>Every gap of the recovery, ordered by id.</summary>
    Task<IReadOnlyList<Gap>> ListGapsAsync(RecoveryId id, CancellationToken ct);

    Task<ChangeRequest?> GetChangeRequestAsync(RecoveryId id, int number, CancellationToken ct);

    /// <summary>Every change request of the recovery, ordered by number.</summary>
    Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(RecoveryId id, CancellationToken ct);

    /// <summary>
    /// The number after the highest gap numbered <paramref name="from"/> or more, or <paramref name="from"/> when
    /// there is none. Gaps are numbered without holes, so this is the next free number whenever
    /// <paramref name="from"/> is at most that number.
    /// </summary>
    Task<int> NextGapNumberAsync(RecoveryId id, int from, CancellationToken ct);

    /// <summary>History newest first; for one gap when <paramref name="gap"/> is set, else the recovery-level events.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(RecoveryId id, GapId? gap, int max, CancellationToken ct);

    /// <summary>
    /// Every stored history event of the recovery, its gaps' and its own, oldest first. Gap reports are not among
    /// them: the gap row records its report (<see cref="Gap.CreatedAt"/>, <see cref="Gap.Reporter"/>).
    /// </summary>
    Task<IReadOnlyList<HistoryEvent>> ListHistoryAsync(RecoveryId id, CancellationToken ct);

    /// <summary>
    /// Writes every change in one transaction. An entity with a null <c>Version</c> is inserted (and must not
    /// exist yet); any other is replaced only if its stored version still equals <c>Version</c>.
    /// History events are appended. Either everything lands or nothing does.
    /// </summary>
    Task<CommitResult> CommitAsync(Changeset changes, CancellationToken ct);
}

public sealed record Changeset(RecoveryId Recovery)
{
    public Recovery? RecoveryRow { get; init; }
    public IReadOnlyList<Gap> Gaps { get; init; } = [];
    public IReadOnlyList<ChangeRequest> ChangeRequests { get; init; } = [];
    public IReadOnlyList<HistoryEvent> Events { get; init; } = [];

    /// <summary>The revision of the recovery row the turn was decided on (0 for a new recovery).</summary>
    public int DecidedOn { get; init; }

    /// <summary>
    /// The recovery row's phase or freeze changes: a gap report decided on the row as it was before must not
    /// land. The store makes every such report conflict on "recovery" until it is decided on this row or later.
    /// </summary>
    public bool FencesReports { get; init; }

    /// <summary>
    /// The lessons of <see cref="RecoveryRow"/> this changeset adds or changes, by their place in its list (each is a row
    /// of its own, so the list is not bounded by one column). A recovery row that is inserted writes all of its lessons.
    /// </summary>
    public IReadOnlyList<Indexed<Lesson>> Lessons { get; init; } = [];

    /// <summary>The questions of <see cref="RecoveryRow"/> this changeset adds or changes (asked again), as for <see cref="Lessons"/>.</summary>
    public IReadOnlyList<Indexed<Question>> Questions { get; init; } = [];

    /// <summary>The turn's posts to others, stored with its changes (see <see cref="TurnPosts"/>); not counted as a row.</summary>
    public TurnPosts? Posts { get; init; }

    public int Count => (RecoveryRow is null ? 0 : 1) + Gaps.Count + ChangeRequests.Count + Events.Count + Lessons.Count + Questions.Count;
}

/// <summary>An item of a recovery's list with its place in it.</summary>
public sealed record Indexed<T>(int Index, T Item);

public abstract record CommitResult
{
    /// <summary>Landed. <paramref name="RecoveryVersion"/> is the recovery row's new version when the commit wrote it.</summary>
    public sealed record Committed(string? RecoveryVersion = null) : CommitResult
    {
        /// <summary>The row that keeps the changeset's <see cref="Changeset.Posts"/>; null when they were not stored.</summary>
        public string? PostsAt { get; init; }
    }

    /// <summary>A version check failed, or an insert met an existing row. <paramref name="What"/> names it ("G-7", "recovery", "CR-2").</summary>
    public sealed record Conflict(string What) : CommitResult;

    public static readonly CommitResult Ok = new Committed();
}

internal sealed class NoGate : IDisposable
{
    public static readonly NoGate Instance = new();
    public void Dispose() { }
}

/// <summary>Storage could not be reached or failed after retries; nothing was changed.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A row of the changeset would be larger than the store can keep (Table Storage: 32K characters per text, 1 MiB per
/// row); nothing was changed. <paramref name="What"/> names the row ("recovery", "G-7"), <paramref name="Reason"/> the limit.
/// </summary>
public sealed class StoreTooLargeException(string what, string reason)
    : Exception($"{what} does not fit in storage: {reason}; nothing was changed")
{
    public string What => what;
    public string Reason => reason;
}
