using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Storage;
using RecoveryBot.Storage.Scheduling;

namespace SchedulerBench;

internal sealed record TickResult(int Recoveries, int Due, int Posts, double MedianMs, double MinMs, long Requests);

/// <summary>
/// Makes <c>due</c> fresh recoveries due (their overdue nudges fall at Monday 09:30 Berlin) and times one scheduler tick
/// at 09:31 that plans, enqueues and posts them. Each tick takes recoveries no earlier tick touched.
/// </summary>
internal sealed class Ticker(TableStorage storage, IRecoveryStore store, Seeder seeder, RequestCounter counter, IReadOnlyList<RecoveryId> ids)
{
    public const int WarmUp = 3;
    private static readonly DateTimeOffset DueAt = new(2026, 12, 7, 8, 30, 0, TimeSpan.Zero);
    private readonly CountingPoster poster = new();
    private int next;

    public async Task<TickResult> MeasureAsync(int due, int runs)
    {
        var time = new FixedTime(DueAt.AddMinutes(1));
        var runner = new SchedulerRunner(new TableScheduleIndex(storage, time, NullLogger<TableScheduleIndex>.Instance), new TableOutbox(storage),
            store, [poster], new SchedulerOptions { InstanceId = "bench" }, time, new TableStoreFailures());
        var ticks = new List<(double Ms, long Requests, int Posts)>();
        for (var run = 0; run < WarmUp + runs; run++)
        {
            if (next + due > ids.Count) throw new InvalidOperationException($"the fleet of {ids.Count} is too small for {WarmUp + runs} ticks of {due}");
            await seeder.IndexAsync([.. ids.Skip(next).Take(due)], DueAt);
            next += due;
            var (posts, requests) = (poster.Count, counter.Count);
            var clock = Stopwatch.StartNew();
            var report = await runner.RunOnceAsync(CancellationToken.None);
            clock.Stop();
            if (report.Recoveries != due) throw new InvalidOperationException($"expected {due} due recoveries, the tick found {report.Recoveries}");
            if (run >= WarmUp) ticks.Add((clock.Elapsed.TotalMilliseconds, counter.Count - requests, poster.Count - posts));
        }
        var ms = ticks.Select(t => t.Ms).Order().ToList();
        return new TickResult(ids.Count, due, ticks[0].Posts, ms[ms.Count / 2], ms[0], ticks[0].Requests);
    }
}
