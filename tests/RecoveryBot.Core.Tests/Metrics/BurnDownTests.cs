using RecoveryBot.Core.Metrics;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Tests.Metrics;

public sealed class BurnDownTests
{
    private static readonly DateTimeOffset Now = History.Start.AddDays(10).AddHours(4);

    private static BurnDown Chart(History h, Recovery? r = null) =>
        BurnDown.Compute(r ?? History.Recovery(), RecoveryMetrics.Timelines(h.Gaps, h.Events), Now);

    [Fact]
    public void Compute_Empty_OneZeroDayPerDaySinceStartAndTodayMarked()
    {
        var chart = Chart(new History());
        Assert.Equal(11, chart.Days.Count);
        Assert.All(chart.Days, d => Assert.Equal((0, 0, 0), (d.OpenNow, d.Verified, d.Closed)));
        Assert.Contains(chart.Markers, m => m.Kind == MarkerKind.Today && m.Day == new DateOnly(2026, 11, 12));
        Assert.StartsWith("From Mon 2 Nov 2026 to Thu 12 Nov 2026, open now items went from 0 to 0", chart.Sentence(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ReopenedItem_IsOpenAgainUntilVerifiedThenClosed()
    {
        var h = new History();
        h.Report(1, 0);
        h.Walk(1, owned: 1, ready: 3, verdictAfter: 1, false, true); // verified on day 5.5
        h.Status(1, 7, GapStatus.Verified, GapStatus.Closed);
        h.Report(2, 2, GapKind.Request, Bucket.Later);
        var days = Chart(h).Days;
        Assert.Equal((1, 0, 0), (days[0].OpenNow, days[0].Verified, days[0].Closed));
        Assert.Equal((1, 0), (days[4].OpenNow, days[4].Verified));
        Assert.Equal((0, 1, 0), (days[5].OpenNow, days[5].Verified, days[5].Closed));
        Assert.Equal((0, 1, 1), (days[7].OpenNow, days[7].Verified, days[7].Closed));
    }

    [Fact]
    public void Compute_BucketMove_LeavesTheOpenNowLine()
    {
        var h = new History();
        h.Report(1, 0);
        h.Events.Add(new HistoryEvent(new GapId(1), History.Start.AddDays(3), Fakes.Scenario.Dana, "bucket", "now", "later", "CR-1 approved"));
        h.Gaps[0] = h.Gaps[0] with { Bucket = Bucket.Later };
        var days = Chart(h).Days;
        Assert.Equal(1, days[2].OpenNow);
        Assert.Equal(0, days[3].OpenNow);
    }

    [Fact]
    public void Compute_TwoHundredItems_EndsWhereTheLogIs()
    {
        var h = new History();
        for (var n = 1; n <= 200; n++)
        {
            h.Report(n, n % 7);
            if (n % 2 == 0) h.Walk(n, owned: 7, ready: 8, verdictAfter: 1, true);
        }
        var last = Chart(h).Days[^1];
        Assert.Equal((100, 100), (last.OpenNow, last.Verified));
    }

    [Fact]
    public void Compute_MilestonesAndReview_ExtendTheRangeAndAreCheckedMetOrMissed()
    {
        var h = new History();
        h.Report(1, 0);
        h.Walk(1, owned: 1, ready: 2, verdictAfter: 1, true);                // due day 9, verified day 3
        h.Report(2, 0);
        h.Assign(2, 1, new DateOnly(2026, 11, 6));                           // due Fri 6 Nov, still open
        var r = History.Recovery(new Milestone(new DateOnly(2026, 11, 4), "quotes fixed"), new Milestone(new DateOnly(2026, 11, 9), "invoices fixed"),
            new Milestone(new DateOnly(2026, 11, 20), "all verified")) with { NextReview = History.Start.AddDays(14) };
        var chart = Chart(h, r);
        Assert.Equal(new DateOnly(2026, 11, 20), chart.Last);
        Assert.Contains(chart.Markers, m => m.Kind == MarkerKind.Review && m.Day == new DateOnly(2026, 11, 16));
        var checks = Milestones.Check(r, RecoveryMetrics.Timelines(h.Gaps, h.Events), chart.Today);
        Assert.Equal([MilestoneState.Met, MilestoneState.Missed, MilestoneState.Coming], checks.Select(c => c.State));
        Assert.Equal([new GapId(2)], checks[1].Late);
    }

    [Fact]
    public void ApprovedScope_IsTheNowItemsAtApproval()
    {
        var h = new History();
        h.Report(1, 0);
        h.Report(2, 0, GapKind.Request, Bucket.Later);
        h.Report(3, 5);
        var r = History.Recovery() with { PlanApprovedAt = History.Start.AddDays(2) };
        var scope = Milestones.ApprovedScope(r, RecoveryMetrics.Timelines(h.Gaps, h.Events));
        Assert.Equal([new GapId(1)], scope!.Select(g => g.Id));
        Assert.Null(Milestones.ApprovedScope(History.Recovery(), []));
    }
}
