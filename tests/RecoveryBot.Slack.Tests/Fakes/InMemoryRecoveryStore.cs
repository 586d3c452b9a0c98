using System.Globalization;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Slack.Tests.Fakes;

/// <summary>The store's contract in memory: versions checked on commit, all or nothing.</summary>
public sealed class InMemoryRecoveryStore : IRecoveryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<RecoveryId, Recovery> _recoveries = [];
    private readonly Dictionary<(RecoveryId, GapId), Gap> _gaps = [];
    private readonly Dictionary<(RecoveryId, int), ChangeRequest> _changes = [];
    private readonly List<(RecoveryId Id, HistoryEvent Event)> _history = [];
    private long _version;

    public Task<Recovery?> GetRecoveryAsync(RecoveryId id, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_recoveries.GetValueOrDefault(id));
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

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(RecoveryId id, GapId? gap, int max, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<HistoryEvent>>([.. _history.Where(h => h.Id == id && h.Event.Gap == gap).Select(h => h.Event).Reverse().Take(max)]);
    }

    public Task<CommitResult> CommitAsync(Changeset changes, CancellationToken ct)
    {
        lock (_gate)
        {
            var id = changes.Recovery;
            if (changes.RecoveryRow is { } r && r.Version != _recoveries.GetValueOrDefault(id)?.Version) return Conflict("recovery");
            foreach (var g in changes.Gaps.Where(g => g.Version != _gaps.GetValueOrDefault((id, g.Id))?.Version)) return Conflict(g.Id.ToString());
            foreach (var c in changes.ChangeRequests.Where(c => c.Version != _changes.GetValueOrDefault((id, c.Number))?.Version)) return Conflict(c.Label);
            if (changes.RecoveryRow is { } row) _recoveries[id] = row with { Version = Next() };
            foreach (var g in changes.Gaps) _gaps[(id, g.Id)] = g with { Version = Next() };
            foreach (var c in changes.ChangeRequests) _changes[(id, c.Number)] = c with { Version = Next() };
            _history.AddRange(changes.Events.Select(e => (id, e)));
            return Task.FromResult(CommitResult.Ok);
        }
    }

    private string Next() => (++_version).ToString(CultureInfo.InvariantCulture);

    private static Task<CommitResult> Conflict(string what) => Task.FromResult<CommitResult>(new CommitResult.Conflict(what));
}

public sealed class TestLinks : ISummaryLinks
{
    public string SummaryUrl(Recovery recovery) => $"https://bot.test/recoveries/{recovery.Id}/summary";

    public string LogUrl(Recovery recovery) => $"https://bot.test/recoveries/{recovery.Id}/summary#log";
}
