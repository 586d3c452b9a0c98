using RecoveryBot.Core.Metrics;
using RecoveryBot.Core.Model;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.Metrics;

public sealed class RecoveryMetricsTests
{
    private static readonly DateTimeOffset Now = History.Start.AddDays(20);

    private static RecoveryNumbers Numbers(History h, IReadOnlyList<ChangeRequest>? changes = null) =>
        RecoveryMetrics.Compute(History.Recovery(), h.Gaps, h.Events, changes ?? [], Now);

    [Fact]
    public void Compute_Empty_HasNoMeasurements()
    {
        var n = Numbers(new History());
        Assert.Equal(0, n.All.Items);
        Assert.Equal(Stat.None, n.All.TimeToOwn);
        Assert.Null(n.All.PassRate);
        Assert.Empty(n.PerKind);
        Assert.Empty(NumbersBlock.Lines(n));
    }

    [Fact]
    public void Compute_OneItem_MeasuresEachStep()
    {
        var h = new History();
        h.Report(1, 0);
        h.Walk(1, owned: 1, ready: 3, verdictAfter: 1, true);
        var a = Numbers(h).All;
        Assert.Equal(TimeSpan.FromDays(1), a.TimeToOwn.Median);
        Assert.Equal(TimeSpan.FromDays(2), a.TimeToFixReady.Median);
        Assert.Equal(TimeSpan.FromDays(1), a.TimeToVerify.Mean);
        Assert.Equal((1, 1, 0), (a.FirstRetests, a.FirstRetestsPassed, a.Reopened));
        Assert.Equal(1.0, a.PassRate);
    }

    [Fact]
    public void Compute_ItemReopenedByStillBroken_FailsFirstRetestAndCountsTheReworkInTimeToVerify()
    {
        var h = new History();
        h.Report(1, 0);
        h.Walk(1, owned: 1, ready: 3, verdictAfter: 1, false, true);
        var a = Numbers(h).All;
        Assert.Equal((1, 0, 1), (a.FirstRetests, a.FirstRetestsPassed, a.Reopened));
        Assert.Equal(0.0, a.PassRate);
        Assert.Equal(TimeSpan.FromDays(2.5), a.TimeToVerify.Median); // ready d3, broken d4, ready d4.5, works d5.5
    }

    [Fact]
    public void Compute_SlippedDates_CountsMovesAndItems()
    {
        var h = new History();
        h.Report(1, 0);
        h.Report(2, 0);
        h.Assign(1, 1, new DateOnly(2026, 11, 10)).Slip(1, 5, new DateOnly(2026, 11, 12)).Slip(1, 9, new DateOnly(2026, 11, 30));
        h.Assign(2, 1, new DateOnly(2026, 11, 30));
        var a = Numbers(h).All;
        Assert.Equal((2, 1, 2), (a.Slips, a.ItemsSlipped, a.ItemsWithDue));
        Assert.Equal(1.0, a.SlipsPerItem);
        Assert.Equal(0, a.Overdue);
        Assert.Contains("due dates moved 2× on 1 item(s)", NumbersBlock.Lines(Numbers(h))[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_TwoHundredItems_MediansBesideMeansPerKind()
    {
        var h = new History();
        for (var n = 1; n <= 200; n++)
        {
            h.Report(n, n % 5, (GapKind)(n % 3));
            // One slow owner in ten pulls the mean up; the median stays with the typical item.
            h.Walk(n, owned: (n % 5) + (n % 10 == 0 ? 8 : 0.5), ready: 12, verdictAfter: 1, n % 4 != 0, true);
        }
        var numbers = Numbers(h);
        var a = numbers.All;
        Assert.Equal(200, a.Items);
        Assert.Equal(TimeSpan.FromDays(0.5), a.TimeToOwn.Median);
        Assert.Equal(TimeSpan.FromDays(1.25), a.TimeToOwn.Mean); // (180 × 0.5 d + 20 × 8 d) / 200
        Assert.Equal(150, a.FirstRetestsPassed);
        Assert.Equal([GapKind.Defect, GapKind.Scope, GapKind.Trust], numbers.PerKind.Select(k => k.Kind!.Value));
        Assert.Equal(200, numbers.PerKind.Sum(k => k.Items));
    }

    [Fact]
    public void Compute_OverdueAndOpenChangeRequests_AreCountedWithTheirAge()
    {
        var h = new History();
        h.Report(1, 0);
        h.Assign(1, 1, new DateOnly(2026, 11, 5));
        ChangeRequest Cr(int number, double day) => new()
        {
            Number = number, Kind = ChangeKind.BucketMove, Summary = "move", RequestedBy = Lena, RequestedAt = Now.AddDays(-day),
        };
        var n = Numbers(h, [Cr(1, 1), Cr(2, 3), Cr(3, 8) with { State = ApprovalState.Approved }]);
        Assert.Equal(1, n.All.Overdue);
        Assert.Equal(2, n.OpenChanges);
        Assert.Equal(TimeSpan.FromDays(2), n.OpenChangeAge.Median);
        Assert.Contains("Change requests waiting: 2, 2 d / 2 d old", NumbersBlock.Lines(n));
    }

    [Fact]
    public void Compute_GapWithoutStatusHistory_FallsBackToTheRowsInstants()
    {
        var g = new Gap
        {
            Id = new GapId(1), Title = "Imported", Reporter = Max, Status = GapStatus.Verified, CreatedAt = History.Start,
            UpdatedAt = History.Start.AddDays(4), FixReadyAt = History.Start.AddDays(2), VerifiedAt = History.Start.AddDays(4),
        };
        var a = RecoveryMetrics.Compute(History.Recovery(), [g], [], [], Now).All;
        Assert.Equal(TimeSpan.FromDays(2), a.TimeToVerify.Median);
        Assert.Equal(1, a.FirstRetestsPassed);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 10 }, 2.5, 4)]
    [InlineData(new[] { 4.0 }, 4, 4)]
    public void Stat_Of_MedianAndMean(double[] days, double median, double mean)
    {
        var s = Stat.Of(days.Select(TimeSpan.FromDays));
        Assert.Equal(TimeSpan.FromDays(median), s.Median);
        Assert.Equal(TimeSpan.FromDays(mean), s.Mean);
    }

    [Theory]
    [InlineData(0.5, "12 h")]
    [InlineData(2.25, "2.3 d")]
    [InlineData(0.01, "14 min")]
    public void Stat_Short_ReadsAsDaysHoursOrMinutes(double days, string text) => Assert.Equal(text, Stat.Short(TimeSpan.FromDays(days)));
}
