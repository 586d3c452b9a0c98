using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>
/// One scheduler tick: read the due-index buckets from the watermark up to now, claim each due recovery, plan, enqueue
/// and send what is due, and set its next wake-up. The work grows with what is due, never with the number of items.
/// Any number of runners (hosts) may tick at once against the same tables.
/// </summary>
public sealed class SchedulerRunner : ISchedulerTick
{
    private const string FirstBucket = "0000000000";
    private readonly TableScheduleIndex index;
    private readonly DueProcessor processor;
    private readonly IRecoveryStore store;
    private readonly SchedulerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger log;

    // Built by Create: its parts are internal to this project.
    private SchedulerRunner(TableScheduleIndex index, DueProcessor processor, IRecoveryStore store,
        SchedulerOptions options, TimeProvider time, ILogger log)
    {
        this.index = index;
        this.processor = processor;
        this.store = store;
        this.options = options;
        this.time = time;
        this.log = log;
    }

    /// <summary>This runner's name on leases.</summary>
    public string Owner => options.Owner;

    public static SchedulerRunner Create(TableStorage storage, IRecoveryStore store, IEnumerable<IChannelPoster> posters,
        SchedulerOptions options, TimeProvider time, ILoggerFactory? logs = null, ISummaryLinks? links = null, IPersonZones? zones = null)
    {
        logs ??= NullLoggerFactory.Instance;
        var index = new TableScheduleIndex(storage, time, logs.CreateLogger<TableScheduleIndex>());
        var outbox = new TableOutbox(storage);
        var log = logs.CreateLogger<SchedulerRunner>();
        var sender = new OutboxSender(outbox, [.. posters], options, time, log);
        var sweeper = new OutboxSweeper(outbox, options, time);
        return new SchedulerRunner(index, new DueProcessor(index, outbox, sender, sweeper, store, options, time, links, log, zones), store, options, time, log);
    }

    public async Task<TickReport> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (watermark, from) = await StartAsync(now, ct);
        var entries = await index.DueAsync(from, now, options.MaxRecoveriesPerTick, ct);
        if (entries.Count == 0)
        {
            await AdvanceAsync(watermark, [], now, ct);
            return TickReport.Empty;
        }
        var remaining = new ConcurrentBag<string>();
        var planned = new ConcurrentQueue<PlannedPost>();
        var sent = new ConcurrentQueue<SendOutcome>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct };
        // Entries of one recovery (a wake and a planned wake-up) are handled one after the other.
        await Parallel.ForEachAsync(entries.GroupBy(e => e.RowKey, StringComparer.Ordinal), parallel, async (group, token) =>
        {
            foreach (var entry in group)
            {
                try
                {
                    if (await processor.ProcessAsync(entry, token) is not { } done)
                    {
                        remaining.Add(entry.PartitionKey);
                        continue;
                    }
                    foreach (var p in done.Planned) planned.Enqueue(p);
                    foreach (var s in done.Sent) sent.Enqueue(s);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    if (await DeferAsync(entry, ex, token)) continue;
                    remaining.Add(entry.PartitionKey);
                    log.LogError(ex, "Scheduling {Recovery} failed; another tick takes it over when its lease runs out", entry.RowKey);
                }
            }
        });
        if (entries.Count >= options.MaxRecoveriesPerTick) remaining.Add(entries[^1].PartitionKey);
        await AdvanceAsync(watermark, remaining, now, ct);
        var report = new TickReport(entries.Select(e => e.RowKey).Distinct(StringComparer.Ordinal).Count(), [.. planned], [.. sent]);
        Log(report);
        return report;
    }

    /// <summary>
    /// Parks a recovery whose planning failed for a lasting reason (not storage being away, which the next tick retries
    /// anyway): it is tried again later and later, with a warning each time. True when it was parked.
    /// </summary>
    private async Task<bool> DeferAsync(DueEntry entry, Exception ex, CancellationToken ct)
    {
        if (entry.LeaseOwner != options.Owner || StorageFailures.IsTransient(ex, ct)) return false;
        try
        {
            var next = await index.DeferAsync(entry, options.LeaseDuration, ct);
            log.LogWarning("Scheduling {Recovery} failed ({Failures} in a row): {Error}: {Reason}; its other posts and the other recoveries go on, it is tried again at {Next:O}",
                entry.RowKey, (entry.Failures ?? 0) + 1, ex.GetType().Name, StorageFailures.Describe(ex), next);
            return true;
        }
        catch (Exception deferFailed) when (StorageFailures.IsStorageFailure(deferFailed, ct))
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
        var (_, from) = await StartAsync(now, ct);
        var posts = new List<PlannedPost>();
        var entries = await index.DueAsync(from, now, options.MaxRecoveriesPerTick, ct);
        foreach (var id in entries.Select(e => e.Recovery).Distinct())
        {
            if (await store.GetRecoveryAsync(id, ct) is not { } recovery) continue;
            var lateAfter = markLate ? options.LateAfter : TimeSpan.MaxValue;
            posts.AddRange(await processor.PreviewAsync(recovery, now, lateAfter, ct));
        }
        return posts;
    }

    // The previous hour is always read again, so a wake written by a host whose clock lags a little is not skipped.
    private async Task<(string? Watermark, string From)> StartAsync(DateTimeOffset now, CancellationToken ct)
    {
        var watermark = await index.WatermarkAsync(ct);
        var floor = TableNames.Bucket(now - TimeSpan.FromHours(1));
        var from = watermark ?? FirstBucket;
        return (watermark, string.CompareOrdinal(from, floor) < 0 ? from : floor);
    }

    private async Task AdvanceAsync(string? watermark, IEnumerable<string> remaining, DateTimeOffset now, CancellationToken ct)
    {
        var next = remaining.Append(TableNames.Bucket(now - TimeSpan.FromHours(1))).Min(StringComparer.Ordinal)!;
        if (watermark is null || string.CompareOrdinal(next, watermark) > 0) await index.SetWatermarkAsync(next, ct);
    }

    private void Log(TickReport report)
    {
        var level = report.Sent.Count > 0 || report.Planned.Any(p => p.Enqueued) ? LogLevel.Information : LogLevel.Debug;
        log.Log(level, "Scheduler tick: {Recoveries} recoveries due, {Enqueued} posts enqueued, {Posted} posted, {Retrying} to retry, {Failed} failed",
            report.Recoveries, report.Planned.Count(p => p.Enqueued), report.Sent.Count(s => s.Status == SendStatus.Posted),
            report.Sent.Count(s => s.Status == SendStatus.RetryLater), report.Sent.Count(s => s.Status == SendStatus.Failed));
    }
}
