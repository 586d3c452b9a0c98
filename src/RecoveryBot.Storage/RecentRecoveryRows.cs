using System.Collections.Concurrent;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage;

/// <summary>
/// One host's view of the recovery store: it remembers each recovery's row for a short while, so a gap report
/// needs no read first (one insert, nothing else), and lets reports of one recovery go one at a time on this host,
/// so they never race each other for a number.
/// </summary>
/// <remarks>
/// A remembered row may be older than another host's change to it. That is safe for what reads it
/// (<see cref="GetRecentRecoveryAsync"/>, gap reports only): a change of phase or freeze fences reports in the store,
/// and a report decided on the row before it conflicts and is decided again on a fresh read. The row's gap counter
/// moves on with this host's own reports; another host's report makes the insert fail, and the number is looked
/// up then. Every conflict forgets the row.
/// </remarks>
public sealed class RecentRecoveryRows(IRecoveryStore inner, TimeProvider time) : IRecoveryStore
{
    /// <summary>How long a remembered row serves reports before it is read again.</summary>
    public static readonly TimeSpan RowTtl = TimeSpan.FromSeconds(2);

    private const int MaxRows = 10_000;

    private readonly ConcurrentDictionary<RecoveryId, Known> rows = new();
    private readonly ConcurrentDictionary<RecoveryId, SemaphoreSlim> gates = new();

    private sealed record Known(Recovery Row, long ReadAt);

    public async Task<Recovery?> GetRecoveryAsync(RecoveryId id, CancellationToken ct)
    {
        var readAt = time.GetTimestamp();
        var read = await inner.GetRecoveryAsync(id, ct);
        if (read is null) { rows.TryRemove(id, out _); return null; }
        // Gaps are never removed, so any number this host has seen taken stays a lower bound for the counter.
        if (rows.TryGetValue(id, out var known) && known.Row.NextGapNumber > read.NextGapNumber)
        {
            read = read with { NextGapNumber = known.Row.NextGapNumber };
        }
        Remember(id, read, readAt);
        return read;
    }

    public async Task<Recovery?> GetRecentRecoveryAsync(RecoveryId id, CancellationToken ct) =>
        rows.TryGetValue(id, out var known) && time.GetElapsedTime(known.ReadAt) < RowTtl
            ? known.Row
            : await GetRecoveryAsync(id, ct);

    public async ValueTask<IDisposable> EnterReportAsync(RecoveryId id, CancellationToken ct)
    {
        if (gates.Count >= MaxRows) gates.Clear();
        var gate = gates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }

    public async Task<CommitResult> CommitAsync(Changeset changes, CancellationToken ct)
    {
        var id = changes.Recovery;
        CommitResult result;
        try
        {
            result = await inner.CommitAsync(changes, ct);
        }
        catch
        {
            rows.TryRemove(id, out _);
            throw;
        }
        if (result is not CommitResult.Committed done) { rows.TryRemove(id, out _); return result; }

        var taken = changes.Gaps.Where(g => g.Version is null).Select(g => g.Id.Number + 1).DefaultIfEmpty(0).Max();
        if (changes.RecoveryRow is { } written)
        {
            if (done.RecoveryVersion is { } version)
            {
                Remember(id, written with { Version = version, NextGapNumber = Math.Max(written.NextGapNumber, taken) }, time.GetTimestamp());
            }
            else rows.TryRemove(id, out _);
        }
        else if (taken > 0 && rows.TryGetValue(id, out var known) && known.Row.NextGapNumber < taken)
        {
            // The row itself did not change: it keeps its age, with the counter past this host's new gaps.
            rows.TryUpdate(id, known with { Row = known.Row with { NextGapNumber = taken } }, known);
        }
        return result;
    }

    private void Remember(RecoveryId id, Recovery row, long readAt)
    {
        if (rows.Count >= MaxRows) rows.Clear();
        rows[id] = new Known(row, readAt);
    }

    public Task<Gap?> GetGapAsync(RecoveryId id, GapId gap, CancellationToken ct) => inner.GetGapAsync(id, gap, ct);

    public Task<IReadOnlyList<Gap>> ListGapsAsync(RecoveryId id, CancellationToken ct) => inner.ListGapsAsync(id, ct);

    public Task<ChangeRequest?> GetChangeRequestAsync(RecoveryId id, int number, CancellationToken ct) =>
        inner.GetChangeRequestAsync(id, number, ct);

    public Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(RecoveryId id, CancellationToken ct) =>
        inner.ListChangeRequestsAsync(id, ct);

    public Task<int> NextGapNumberAsync(RecoveryId id, int from, CancellationToken ct) => inner.NextGapNumberAsync(id, from, ct);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(RecoveryId id, GapId? gap, int max, CancellationToken ct) =>
        inner.GetHistoryAsync(id, gap, max, ct);

    public Task<IReadOnlyList<HistoryEvent>> ListHistoryAsync(RecoveryId id, CancellationToken ct) => inner.ListHistoryAsync(id, ct);
}
