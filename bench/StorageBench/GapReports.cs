using System.Diagnostics;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage;

namespace StorageBench;

/// <summary>
/// A gap report exactly as the bot makes it: <c>gap …</c> through <see cref="RecoveryService"/>, which commits
/// {recovery + 1, new gap, history event} guarded by the recovery's version and retries on conflict.
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
        var counting = new CountingStore(store);
        var service = new RecoveryService(new RecentRecoveryRows(counting, TimeProvider.System), TimeProvider.System, new NoLinks());
        var channels = new Dictionary<RecoveryId, ChannelKey>();
        foreach (var id in ids) channels[id] = (await store.GetRecoveryAsync(id, CancellationToken.None))!.Channel;
        var command = new RecoveryBot.Core.Commands.ReportCommand(GapKind.Defect, "Export drops umlauts");
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            long n = 0;
            while (clock.Elapsed < duration)
            {
                var id = ids[random.Next(ids.Count)];
                var result = await service.HandleAsync(new Turn(channels[id], Reporter), command, CancellationToken.None);
                if (!result.Lines.Any(l => l.StartsWith("G-", StringComparison.Ordinal))) throw new InvalidOperationException(string.Join(" ", result.Lines));
                n++;
            }
            return n;
        })));
        return new Measurement(counts.Sum(), clock.Elapsed.TotalSeconds, counting.Conflicts);
    }

    private sealed class NoLinks : ISummaryLinks
    {
        public string SummaryUrl(Recovery recovery) => "";
        public string LogUrl(Recovery recovery) => "";
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
