using System.Collections.Concurrent;
using System.Globalization;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace SchedulerBench;

/// <summary>
/// The gap log in memory, one partition per recovery like the table store, so reading a recovery costs what that
/// recovery holds. Used because Azurite cannot hold a million items: its inserts slow down quadratically and its
/// queries scan the whole table. Version checks are left out; the bench has one writer per recovery.
/// </summary>
internal sealed class MemoryStore : IRecoveryStore
{
    private readonly ConcurrentDictionary<RecoveryId, Partition> partitions = new();
    private long version;

    public Task<Recovery?> GetRecoveryAsync(RecoveryId id, CancellationToken ct) =>
        Task.FromResult(partitions.TryGetValue(id, out var p) ? p.Recovery : null);

    public Task<Gap?> GetGapAsync(RecoveryId id, GapId gap, CancellationToken ct) =>
        Task.FromResult(partitions.TryGetValue(id, out var p) && p.Gaps.TryGetValue(gap, out var g) ? g : null);

    public Task<IReadOnlyList<Gap>> ListGapsAsync(RecoveryId id, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Gap>>(partitions.TryGetValue(id, out var p) ? [.. p.Gaps.Values.OrderBy(g => g.Id)] : []);

    public Task<ChangeRequest?> GetChangeRequestAsync(RecoveryId id, int number, CancellationToken ct) =>
        Task.FromResult(partitions.TryGetValue(id, out var p) && p.Changes.TryGetValue(number, out var c) ? c : null);

    public Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(RecoveryId id, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ChangeRequest>>(partitions.TryGetValue(id, out var p) ? [.. p.Changes.Values.OrderBy(c => c.Number)] : []);

    public Task<int> NextGapNumberAsync(RecoveryId id, int from, CancellationToken ct) =>
        Task.FromResult(partitions.TryGetValue(id, out var p) ? p.Gaps.Keys.Select(g => g.Number + 1).Where(n => n > from).DefaultIfEmpty(from).Max() : from);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(RecoveryId id, GapId? gap, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<HistoryEvent>>([]);

    public Task<IReadOnlyList<HistoryEvent>> ListHistoryAsync(RecoveryId id, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<HistoryEvent>>([]);

    public Task<CommitResult> CommitAsync(Changeset changes, CancellationToken ct)
    {
        var p = partitions.GetOrAdd(changes.Recovery, _ => new Partition());
        lock (p)
        {
            // A new gap claims its number by insert, as in the table store; other rows are not version-checked.
            if (changes.Gaps.FirstOrDefault(g => g.Version is null && p.Gaps.ContainsKey(g.Id)) is { } taken)
            {
                return Task.FromResult<CommitResult>(new CommitResult.Conflict(taken.Id.ToString()));
            }
            if (changes.RecoveryRow is { } r) p.Recovery = r with { Version = Next() };
            foreach (var g in changes.Gaps) p.Gaps[g.Id] = g with { Version = Next() };
            foreach (var c in changes.ChangeRequests) p.Changes[c.Number] = c with { Version = Next() };
        }
        return Task.FromResult(CommitResult.Ok);
    }

    private string Next() => Interlocked.Increment(ref version).ToString(CultureInfo.InvariantCulture);

    private sealed class Partition
    {
        public Recovery? Recovery { get; set; }
        public ConcurrentDictionary<GapId, Gap> Gaps { get; } = new();
        public ConcurrentDictionary<int, ChangeRequest> Changes { get; } = new();
    }
}
