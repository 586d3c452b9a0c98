using System.Collections.Concurrent;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Schedule;

/// <summary>
/// One scheduler tick: read what the due-index holds up to now, claim each due recovery, plan, enqueue and send what
/// is due, and set its next wake-up. The work grows with what is due, never with the number of items. Any number of
/// runners (hosts) may tick at once against the same stores.
/// </summary>
public sealed class SchedulerRunner : ISchedulerTick
{
    /// <summary>The longest wait between two tries of a recovery whose planning keeps failing.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    private readonly IDueIndex index;
    private readonly DueProcessor processor;
    private readonly IRecoveryStore store;
    private readonly SchedulerOptions options;
    private readonly TimeProvider time;
    private readonly ISchedulerLog log;
    private readonly IStoreFailures failures;

    /// <summary>
    /// A runner over the stores' ports that posts through every poster given (one per platform); <paramref name="failures"/>
    /// tells a store that is away (the next tick retries) from a lasting failure (the recovery is parked).
    /// </summary>
    public SchedulerRunner(IDueIndex index, IOutbox outbox, IRecoveryStore store, IEnumerable<IChannelPoster> posters,
        SchedulerOptions options, TimeProvider time, IStoreFailures failures, ISchedulerLog? log = null,
        ISummaryLinks? links = null, IPersonZones? zones = null)
    {
        this.index = index;
        this.store = store;
        this.options = options;
        this.time = time;
        this.log = log ?? NullSchedulerLog.Instance;
        this.failures = failures;
        var sender = new OutboxSender(outbox, [.. posters], options, time, this.log);
        var sweeper = new OutboxSweeper(outbox, options, time);
        processor = new DueProcessor(index, outbox, sender, sweeper, store, options, time, links, this.log, zones);
    }

    /// <summary>This runner's name on leases.</summary>
    public string Owner => options.Owner;

    public async Task<TickReport> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var scan = await index.DueAsync(now, options.MaxRecoveriesPerTick, ct);
        var wakes = scan.Wakes;
        if (wakes.Count == 0)
        {
            await index.AdvanceAsync(scan, [], now, ct);
            return TickReport.Empty;
        }
        var left = new ConcurrentBag<DueWake>();
        var planned = new ConcurrentQueue<PlannedPost>();
        var sent = new ConcurrentQueue<SendOutcome>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct };
        // Wake-ups of one recovery (a wake and a planned wake-up) are handled one after the other.
        await Parallel.ForEachAsync(wakes.GroupBy(w => w.Recovery), parallel, async (group, token) =>
        {
            foreach (var wake in group)
            {
                DueWake? claimed = null;
                try
                {
                    claimed = await processor.ClaimAsync(wake, token);
                    if (claimed is null)
                    {
                        left.Add(wake);
                        continue;
                    }
                    var done = await processor.ProcessAsync(claimed, token);
                    foreach (var p in done.Planned) planned.Enqueue(p);
                    foreach (var s in done.Sent) sent.Enqueue(s);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    if (claimed is not null && await DeferAsync(claimed, ex, token)) continue;
                    left.Add(wake);
                    log.PlanningFailed(wake.Recovery, ex);
                }
            }
        });
        if (wakes.Count >= options.MaxRecoveriesPerTick) left.Add(wakes[^1]);
        await index.AdvanceAsync(scan, left, now, ct);
        var report = new TickReport(wakes.Select(w => w.Recovery).Distinct().Count(), [.. planned], [.. sent]);
        log.Ticked(report);
        return report;
    }

    /// <summary>
    /// Parks a recovery whose planning failed for a lasting reason (not storage being away, which the next tick retries
    /// anyway): it waits twice as long after each failure, up to <see cref="MaxBackoff"/>, so it neither fills the log nor
    /// holds the tick's other recoveries back. A turn in the recovery wakes it at once. True when it was parked.
    /// </summary>
    private async Task<bool> DeferAsync(DueWake claimed, Exception ex, CancellationToken ct)
    {
        if (failures.Classify(ex, ct) == StoreFailure.Unavailable) return false;
        var failed = (claimed.Failures ?? 0) + 1;
        var wait = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, options.LeaseDuration.Ticks << Math.Min(failed - 1, 20)));
        var next = time.GetUtcNow() + wait;
        try
        {
            await index.DeferAsync(claimed, next, failed, ct);
            log.Deferred(claimed.Recovery, failed, ex, failures.Describe(ex), next);
            return true;
        }
        catch (Exception deferFailed) when (failures.Classify(deferFailed, ct) != StoreFailure.None)
        {
            return false;
        }
    }

    /// <summary>
    /// What a tick at the current time would find due, without claiming, enqueuing or posting anything. With
    /// <paramref name="markLate"/> false the posts read as a scheduler running all along would make them (a preview of tomorrow).
    /// </summary>
    public async Task<IReadOnlyList<PlannedPost>> PreviewAsync(bool markLate, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var posts = new List<PlannedPost>();
        var scan = await index.DueAsync(now, options.MaxRecoveriesPerTick, ct);
        foreach (var id in scan.Wakes.Select(w => w.Recovery).Distinct())
        {
            if (await store.GetRecoveryAsync(id, ct) is not { } recovery) continue;
            var lateAfter = markLate ? options.LateAfter : TimeSpan.MaxValue;
            posts.AddRange(await processor.PreviewAsync(recovery, now, lateAfter, ct));
        }
        return posts;
    }
}
