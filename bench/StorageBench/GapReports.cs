using System.Diagnostics;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace StorageBench;

/// <summary>
/// A gap report the way Core writes it: read the recovery, take NextGapNumber, commit
/// {recovery + 1, new gap, history event} guarded by the recovery's version; retry on conflict.
/// </summary>
internal static class GapReports
{
    private static readonly UserRef Reporter = new("U-bench", "Bench");
    private static readonly DateTimeOffset At = new(2025, 3, 4, 9, 0, 0, TimeSpan.Zero);

    public static async Task<IReadOnlyList<RecoveryId>> SeedAsync(IRecoveryStore store, int count)
    {
        var ids = new List<RecoveryId>();
        for (var i = 0; i < count; i++)
        {
            var channel = new ChannelKey("slack", "T-bench", "C" + Guid.NewGuid().ToString("N"));
            var recovery = new Recovery { Id = channel.RecoveryId, Channel = channel, Name = "bench " + i, Lead = Reporter, StartedAt = At };
            await store.CommitAsync(new Changeset(recovery.Id) { RecoveryRow = recovery }, CancellationToken.None);
            ids.Add(recovery.Id);
        }
        return ids;
    }

    public static async Task<Measurement> RunAsync(IRecoveryStore store, IReadOnlyList<RecoveryId> ids, int workers, TimeSpan duration)
    {
        long conflicts = 0;
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            long n = 0;
            while (clock.Elapsed < duration)
            {
                var id = ids[random.Next(ids.Count)];
                while (await ReportAsync(store, id) is CommitResult.Conflict) Interlocked.Increment(ref conflicts);
                n++;
            }
            return n;
        })));
        return new Measurement(counts.Sum(), clock.Elapsed.TotalSeconds, conflicts);
    }

    private static async Task<CommitResult> ReportAsync(IRecoveryStore store, RecoveryId id)
    {
        var recovery = await store.GetRecoveryAsync(id, CancellationToken.None)
            ?? throw new InvalidOperationException("seeded recovery is missing");
        var gap = new Gap { Id = new GapId(recovery.NextGapNumber), Title = "Export drops umlauts", Reporter = Reporter, CreatedAt = At, UpdatedAt = At };
        return await store.CommitAsync(new Changeset(id)
        {
            RecoveryRow = recovery with { NextGapNumber = recovery.NextGapNumber + 1, Revision = recovery.Revision + 1 },
            Gaps = [gap],
            Events = [new HistoryEvent(gap.Id, At, Reporter, "reported")],
        }, CancellationToken.None);
    }
}
