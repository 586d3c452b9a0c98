using System.Globalization;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Testing;

/// <summary>A test double with the real store's contract: versions checked on commit, all-or-nothing.</summary>
public sealed class InMemoryRecoveryStore : IRecoveryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<RecoveryId, Recovery> _recoveries = [];
    private readonly Dictionary<(RecoveryId, GapId), Gap> _gaps = [];
    private readonly Dictionary<(RecoveryId, int), ChangeRequest> _changes = [];
    private readonly List<(RecoveryId Id, HistoryEvent Event)> _history = [];
    private long _version;

    public int Commits { get; private set; }

    public int RecoveryReads { get; private set; }

    /// <summary>Runs just before a commit is checked: lets a test change a row "at the same moment".</summary>
    public Action? BeforeCommit { get; set; }

    /// <summary>Sees every changeset handed to <see cref="CommitAsync"/>.</summary>
    public Action<Changeset>? Committing { get; set; }

    public IReadOnlyList<HistoryEvent> AllHistory(RecoveryId id)
    {
        lock (_gate) return [.. _history.Where(h => h.Id == id).Select(h => h.Event)];
    }

    /// <summary>Every recovery row, for tests that do not know the channel's key.</summary>
    public IReadOnlyList<Recovery> AllRecoveries()
    {
        lock (_gate) return [.. _recoveries.Values];
    }

    public Task<Recovery?> GetRecoveryAsync(RecoveryId id, CancellationToken ct)
    {
        lock (_gate)
        {
            RecoveryReads++;
            return Task.FromResult(_recoveries.GetValueOrDefault(id));
        }
    }

    public Task<Gap?> GetGapAsync(RecoveryId id, GapId gap, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_gaps.GetValueOrDefault((id, gap)));
    }

    public Task<IReadOnlyList<Gap>> ListGapsAsync(RecoveryId id, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<Gap>>([.. _gaps.Where(p => p.Key.Item1 == id).Select(p => p.Value).OrderBy(g => g.Id)]);
    }

    public Task<ChangeRequest?> GetChangeRequestAsync(RecoveryId id, int number, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_changes.GetValueOrDefault((id, number)));
    }

    public Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(RecoveryId id, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<ChangeRequest>>([.. _changes.Where(p => p.Key.Item1 == id).Select(p => p.Value).OrderBy(c => c.Number)]);
    }

    public Task<int> NextGapNumberAsync(RecoveryId id, int from, CancellationToken ct)
    {
        lock (_gate)
        {
            var taken = _gaps.Keys.Where(k => k.Item1 == id && k.Item2.Number >= from).Select(k => k.Item2.Number + 1);
            return Task.FromResult(taken.DefaultIfEmpty(from).Max());
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(RecoveryId id, GapId? gap, int max, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<HistoryEvent>>([.. _history.Where(h => h.Id == id && h.Event.Gap == gap)
                .Select(h => h.Event).Reverse().Take(max)]);
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> ListHistoryAsync(RecoveryId id, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<HistoryEvent>>([.. _history.Where(h => h.Id == id).Select(h => h.Event).OrderBy(e => e.At)]);
    }

    /// <summary>A slow storage: every commit waits this long first (honouring the caller's cancellation, as the SDK does).</summary>
    public TimeSpan CommitDelay { get; set; }

    public async Task<CommitResult> CommitAsync(Changeset changes, CancellationToken ct)
    {
        if (CommitDelay > TimeSpan.Zero) await Task.Delay(CommitDelay, ct);
        return await CommitNowAsync(changes);
    }

    private Task<CommitResult> CommitNowAsync(Changeset changes)
    {
        Committing?.Invoke(changes);
        BeforeCommit?.Invoke();
        lock (_gate)
        {
            var id = changes.Recovery;
            if (changes.RecoveryRow is { } r && r.Version != _recoveries.GetValueOrDefault(id)?.Version) return Conflict("recovery");
            foreach (var g in changes.Gaps)
            {
                if (g.Version != _gaps.GetValueOrDefault((id, g.Id))?.Version) return Conflict(g.Id.ToString());
            }
            foreach (var c in changes.ChangeRequests)
            {
                if (c.Version != _changes.GetValueOrDefault((id, c.Number))?.Version) return Conflict(c.Label);
            }
            string? recoveryVersion = null;
            if (changes.RecoveryRow is { } row) _recoveries[id] = row with { Version = recoveryVersion = Next() };
            foreach (var g in changes.Gaps) _gaps[(id, g.Id)] = g with { Version = Next() };
            foreach (var c in changes.ChangeRequests) _changes[(id, c.Number)] = c with { Version = Next() };
            _history.AddRange(changes.Events.Select(e => (id, e)));
            Commits++;
            return Task.FromResult<CommitResult>(new CommitResult.Committed(recoveryVersion));
        }
    }

    /// <summary>Writes a row as another person would, bumping its version.</summary>
    public void Overwrite(RecoveryId id, Gap gap)
    {
        lock (_gate) _gaps[(id, gap.Id)] = gap with { Version = Next(), Revision = gap.Revision + 1 };
    }

    private string Next() => (++_version).ToString(CultureInfo.InvariantCulture);

    private static Task<CommitResult> Conflict(string what) => Task.FromResult<CommitResult>(new CommitResult.Conflict(what));
}
