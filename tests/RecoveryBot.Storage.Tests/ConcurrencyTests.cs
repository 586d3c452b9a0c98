using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

public sealed class ConcurrencyTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task TwoWriters_SameGapVersion_OneCommitsOtherConflictsOnGap()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(7)] }, Ct);
        var read = (await Store.GetGapAsync(recovery.Id, new GapId(7), Ct))!;

        var results = await Task.WhenAll(
            Task.Run(() => Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [read with { Title = "A" }] }, Ct)),
            Task.Run(() => Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [read with { Title = "B" }] }, Ct)));

        Assert.Single(results, r => r is CommitResult.Committed);
        Assert.Equal(new CommitResult.Conflict("G-7"), Assert.Single(results, r => r is CommitResult.Conflict));
        var winner = results[0] is CommitResult.Committed ? "A" : "B";
        Assert.Equal(winner, (await Store.GetGapAsync(recovery.Id, new GapId(7), Ct))!.Title);
    }

    [Fact]
    public async Task FiftyConcurrentReports_AllocateG1ToG50_EachWithItsEvent()
    {
        var recovery = TestData.Recovery() with { NextGapNumber = 1 };
        await TestData.SeedAsync(Store, recovery);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var reports = Enumerable.Range(0, 50)
            .Select(worker => Task.Run(async () =>
            {
                await start.Task;
                return (worker, gap: await ReportAsync(recovery.Id, "report " + worker));
            }))
            .ToList();
        start.SetResult();
        var allocated = await Task.WhenAll(reports);

        Assert.Equal(Enumerable.Range(1, 50), allocated.Select(a => a.gap).Order());
        var gaps = await Store.ListGapsAsync(recovery.Id, Ct);
        Assert.Equal(Enumerable.Range(1, 50), gaps.Select(g => g.Id.Number));
        foreach (var (worker, number) in allocated)
        {
            Assert.Equal("report " + worker, gaps[number - 1].Title);
            var history = await Store.GetHistoryAsync(recovery.Id, new GapId(number), 10, Ct);
            Assert.Equal("reported by " + worker, Assert.Single(history).Note);
        }
        Assert.Equal(51, (await Store.GetRecoveryAsync(recovery.Id, Ct))!.NextGapNumber);
    }

    /// <summary>What Core does for "gap report": take the number from the recovery row, retry on conflict.</summary>
    private async Task<int> ReportAsync(RecoveryId id, string title)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var recovery = (await Store.GetRecoveryAsync(id, Ct))!;
            var number = recovery.NextGapNumber;
            var gap = TestData.NewGap(number) with { Title = title };
            var result = await Store.CommitAsync(new Changeset(id)
            {
                RecoveryRow = recovery with { NextGapNumber = number + 1 },
                Gaps = [gap],
                Events = [new HistoryEvent(gap.Id, TestData.T0, TestData.Dev, "reported", Note: title.Replace("report", "reported by", StringComparison.Ordinal))],
            }, Ct);
            if (result is CommitResult.Committed) return number;
            Assert.Equal(new CommitResult.Conflict("recovery"), result);
        }
        throw new InvalidOperationException("no gap id after 500 attempts");
    }
}
