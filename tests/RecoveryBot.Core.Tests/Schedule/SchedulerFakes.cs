using System.Globalization;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Tests.Schedule;

/// <summary>
/// The due-index in memory with the table's contract: one wake-up per recovery, claims and completions guarded by a
/// version, and a wake-up woken again while planned is kept (at the earlier of the two times).
/// </summary>
internal sealed class InMemoryDueIndex(TimeProvider time) : IDueIndex
{
    private readonly Lock gate = new();
    private readonly Dictionary<RecoveryId, DueWake> wakes = [];
    private int version;

    /// <summary>The wake-ups the last tick left for later (held elsewhere, failed).</summary>
    public IReadOnlyList<DueWake> Left { get; private set; } = [];

    public DueWake? Of(RecoveryId recovery)
    {
        lock (gate) return wakes.GetValueOrDefault(recovery);
    }

    /// <summary>Wakes <paramref name="recovery"/> at <paramref name="at"/>, optionally with another host's lease on it.</summary>
    public void Put(RecoveryId recovery, DateTimeOffset at, string? leaseOwner = null, DateTimeOffset? leaseUntil = null)
    {
        lock (gate) wakes[recovery] = new DueWake(recovery, at) { LeaseOwner = leaseOwner, LeaseUntil = leaseUntil, Version = Next() };
    }

    public Task WakeAsync(RecoveryId recovery, CancellationToken ct)
    {
        Put(recovery, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<DueScan> DueAsync(DateTimeOffset now, int max, CancellationToken ct)
    {
        lock (gate) return Task.FromResult(new DueScan([.. wakes.Values.Where(w => w.WakeAt <= now).OrderBy(w => w.WakeAt).Take(max)]));
    }

    public Task AdvanceAsync(DueScan scan, IEnumerable<DueWake> left, DateTimeOffset now, CancellationToken ct)
    {
        Left = [.. left];
        return Task.CompletedTask;
    }

    public Task<DueWake?> TryClaimAsync(DueWake wake, string owner, DateTimeOffset until, CancellationToken ct) =>
        Task.FromResult(Replace(wake, wake with { LeaseOwner = owner, LeaseUntil = until }));

    public Task CompleteAsync(DueWake claimed, DateTimeOffset? next, CancellationToken ct)
    {
        lock (gate)
        {
            if (Replace(claimed, next is { } at ? new DueWake(claimed.Recovery, at) : null) is null && next is { } later
                && wakes.TryGetValue(claimed.Recovery, out var woken) && later < woken.WakeAt)
            {
                wakes[claimed.Recovery] = woken with { WakeAt = later, LeaseOwner = null, LeaseUntil = null, Version = Next() };
            }
        }
        return Task.CompletedTask;
    }

    public Task DeferAsync(DueWake claimed, DateTimeOffset at, int failures, CancellationToken ct)
    {
        Replace(claimed, new DueWake(claimed.Recovery, at) { Failures = failures });
        return Task.CompletedTask;
    }

    /// <summary>Writes <paramref name="with"/> (or removes the wake-up) when <paramref name="read"/> is still current.</summary>
    private DueWake? Replace(DueWake read, DueWake? with)
    {
        lock (gate)
        {
            if (!wakes.TryGetValue(read.Recovery, out var stored) || stored.Version != read.Version) return null;
            if (with is null)
            {
                wakes.Remove(read.Recovery);
                return read;
            }
            return wakes[read.Recovery] = with with { Version = Next() };
        }
    }

    private string Next() => (++version).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The outbox in memory with the table's contract: adding a key again changes nothing, updates are guarded by a
/// version. Content is a handle on the reply, so a test can store content that cannot be read.
/// </summary>
internal sealed class InMemoryOutbox : IOutbox
{
    private readonly Lock gate = new();
    private readonly Dictionary<(RecoveryId, string), OutboxItem> items = [];
    private readonly Dictionary<(RecoveryId, string), OutboxNotice> notices = [];
    private readonly Dictionary<RecoveryId, PlanMark> plans = [];
    private readonly Dictionary<string, Reply> contents = [];
    private int version;

    /// <summary>What reading a recovery's outbox throws (a row no code can read, a store that is away); null: nothing.</summary>
    public Func<RecoveryId, Exception?> ReadFailure { get; set; } = _ => null;

    public OutboxItem? Item(RecoveryId recovery, string key)
    {
        lock (gate) return items.GetValueOrDefault((recovery, key));
    }

    public IReadOnlyList<OutboxItem> Items(RecoveryId recovery)
    {
        lock (gate) return [.. items.Where(p => p.Key.Item1 == recovery).Select(p => p.Value).OrderBy(i => i.Key, StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Notices(RecoveryId recovery)
    {
        lock (gate) return [.. notices.Where(p => p.Key.Item1 == recovery).Select(p => p.Value.Text)];
    }

    /// <summary>Stores an item as another host (or an older version) left it.</summary>
    public void Put(OutboxItem item)
    {
        lock (gate) items[(item.Recovery, item.Key)] = item with { Version = Next() };
    }

    public Task<OutboxBatch> ReadAsync(RecoveryId recovery, CancellationToken ct)
    {
        if (ReadFailure(recovery) is { } failure) throw failure;
        lock (gate)
        {
            var pending = items.Values.Where(i => i.Recovery == recovery && i.Status == OutboxStatus.Pending).ToList();
            var owed = notices.Where(p => p.Key.Item1 == recovery).Select(p => p.Value).ToList();
            return Task.FromResult(new OutboxBatch(pending, owed, plans.GetValueOrDefault(recovery) ?? PlanMark.None));
        }
    }

    public Task<IReadOnlyList<Enqueued>> AddAsync(RecoveryId recovery, IReadOnlyList<OutboxItem> added, PlanMark? plan, CancellationToken ct)
    {
        lock (gate)
        {
            var result = new List<Enqueued>();
            foreach (var item in added)
            {
                if (items.ContainsKey((recovery, item.Key)))
                {
                    result.Add(new Enqueued(item, Added: false));
                    continue;
                }
                result.Add(new Enqueued(items[(recovery, item.Key)] = item with { Version = Next() }, Added: true));
            }
            if (plan is not null) plans[recovery] = plan;
            return Task.FromResult<IReadOnlyList<Enqueued>>(result);
        }
    }

    public Task<OutboxItem?> TryUpdateAsync(OutboxItem item, CancellationToken ct)
    {
        lock (gate)
        {
            if (!items.TryGetValue((item.Recovery, item.Key), out var stored) || stored.Version != item.Version) return Task.FromResult<OutboxItem?>(null);
            return Task.FromResult<OutboxItem?>(items[(item.Recovery, item.Key)] = item with { Version = Next() });
        }
    }

    public Task AddNoticeAsync(RecoveryId recovery, string key, string text, CancellationToken ct)
    {
        lock (gate) notices[(recovery, key)] = new OutboxNotice(key, text) { Version = Next() };
        return Task.CompletedTask;
    }

    public Task DeleteNoticesAsync(RecoveryId recovery, IEnumerable<OutboxNotice> listed, CancellationToken ct)
    {
        lock (gate)
        {
            foreach (var n in listed.Where(n => notices.GetValueOrDefault((recovery, n.Key))?.Version == n.Version)) notices.Remove((recovery, n.Key));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FinishedItem>> FinishedAsync(RecoveryId recovery, CancellationToken ct)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<FinishedItem>>([.. items.Values
                .Where(i => i.Recovery == recovery && i.Status != OutboxStatus.Pending)
                .Select(i => new FinishedItem(i.Key, i.DueAt) { Version = i.Version })]);
        }
    }

    public Task DeleteFinishedAsync(RecoveryId recovery, IEnumerable<FinishedItem> finished, CancellationToken ct)
    {
        lock (gate)
        {
            foreach (var f in finished.Where(f => items.GetValueOrDefault((recovery, f.Key))?.Version == f.Version)) items.Remove((recovery, f.Key));
        }
        return Task.CompletedTask;
    }

    public string Encode(Reply reply)
    {
        lock (gate)
        {
            var handle = "reply:" + contents.Count.ToString(CultureInfo.InvariantCulture);
            contents[handle] = reply;
            return handle;
        }
    }

    public Reply? TryDecode(string content)
    {
        lock (gate) return contents.GetValueOrDefault(content);
    }

    private string Next() => (++version).ToString(CultureInfo.InvariantCulture);
}

/// <summary>A channel that records each post with the time it was asked, and answers what <see cref="Answer"/> says.</summary>
internal sealed class ScriptedPoster(TimeProvider time) : IChannelPoster
{
    private readonly Lock gate = new();
    private readonly List<(RecoveryId Recovery, Reply Reply, DateTimeOffset At)> calls = [];

    public string Platform => "slack";

    /// <summary>Given the recovery and the number of calls for it so far, the answer (it may throw); Posted by default.</summary>
    public Func<RecoveryId, int, PostResult> Answer { get; set; } = (_, _) => new PostResult.Posted("m1");

    public IReadOnlyList<(RecoveryId Recovery, Reply Reply, DateTimeOffset At)> Calls
    {
        get { lock (gate) return [.. calls]; }
    }

    public IReadOnlyList<DateTimeOffset> TimesFor(RecoveryId recovery) => [.. Calls.Where(c => c.Recovery == recovery).Select(c => c.At)];

    public Task<PostResult> PostAsync(Recovery recovery, Reply reply, CancellationToken ct)
    {
        int before;
        lock (gate)
        {
            before = calls.Count(c => c.Recovery == recovery.Id);
            calls.Add((recovery.Id, reply, time.GetUtcNow()));
        }
        return Task.FromResult(Answer(recovery.Id, before));
    }
}

/// <summary>A store that is away throws <see cref="StoreUnavailableException"/>; anything else is a lasting failure.</summary>
internal sealed class FakeStoreFailures : IStoreFailures
{
    public StoreFailure Classify(Exception error, CancellationToken ct) =>
        error is StoreUnavailableException ? StoreFailure.Unavailable : StoreFailure.None;

    public string Describe(Exception error) => error.Message;
}
