using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace StorageBench;

/// <summary>Passes through to the real store and counts version conflicts, so the bench can report them.</summary>
internal sealed class CountingStore(IRecoveryStore inner) : IRecoveryStore
{
    private long _conflicts;

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public Task<Recovery?> GetRecoveryAsync(RecoveryId id, CancellationToken ct) => inner.GetRecoveryAsync(id, ct);
    public Task<Gap?> GetGapAsync(RecoveryId id, GapId gap, CancellationToken ct) => inner.GetGapAsync(id, gap, ct);
    public Task<IReadOnlyList<Gap>> ListGapsAsync(RecoveryId id, CancellationToken ct) => inner.ListGapsAsync(id, ct);
    public Task<ChangeRequest?> GetChangeRequestAsync(RecoveryId id, int number, CancellationToken ct) => inner.GetChangeRequestAsync(id, number, ct);
    public Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(RecoveryId id, CancellationToken ct) => inner.ListChangeRequestsAsync(id, ct);
    public Task<int> NextGapNumberAsync(RecoveryId id, int from, CancellationToken ct) => inner.NextGapNumberAsync(id, from, ct);
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(RecoveryId id, GapId? gap, int max, CancellationToken ct) => inner.GetHistoryAsync(id, gap, max, ct);

    public Task<IReadOnlyList<HistoryEvent>> ListHistoryAsync(RecoveryId id, CancellationToken ct) => inner.ListHistoryAsync(id, ct);

    public async Task<CommitResult> CommitAsync(Changeset changes, CancellationToken ct)
    {
        var result = await inner.CommitAsync(changes, ct);
        if (result is CommitResult.Conflict) Interlocked.Increment(ref _conflicts);
        return result;
    }
}
