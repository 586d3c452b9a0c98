using System.Globalization;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Schedule.ScheduleData;

namespace RecoveryBot.Core.Tests.Schedule;

public sealed class WatchScheduleTests
{
    private static string LocalText(Occurrence o, Recovery r) =>
        PlannerWalk.LocalOf(o, r).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public void Plan_NoOwnershipMessageAfter48Hours_NudgesLeadOnce()
    {
        var r = Triage(Berlin, Local(Berlin, 2026, 11, 30, 9, 15));
        var walk = new PlannerWalk(r.StartedAt).Until(Local(Berlin, 2026, 12, 14, 9), Input(r));

        var post = walk.Single("watch:ownership");
        Assert.Equal("Wed 2026-12-02 09:15", LocalText(post, r));
        Assert.StartsWith("Lena Ortiz, it is 48 hours since \"Quotes rollout\" started", CoreText.Named(((Reply.Text)post.Reply).Message), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoPlanWithinTwoBusinessDays_NudgesLeadOnce()
    {
        var r = Triage(Berlin, Local(Berlin, 2026, 12, 3, 11));
        var walk = new PlannerWalk(r.StartedAt).Until(Local(Berlin, 2026, 12, 14, 9), Input(r));

        Assert.Equal("Mon 2026-12-07 11:00", LocalText(walk.Single("watch:plan"), r));
        Assert.Contains("so Dana Ruiz can approve it", CoreText.Named(((Reply.Text)walk.Single("watch:plan").Reply).Message), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_StartedThursdayEvening_WatchesWaitForBusinessHours()
    {
        var r = Triage(NewYork, Local(NewYork, 2026, 12, 3, 21));
        var walk = new PlannerWalk(r.StartedAt).Until(Local(NewYork, 2026, 12, 14, 9), Input(r));

        Assert.Equal("Mon 2026-12-07 08:00", LocalText(walk.Single("watch:ownership"), r)); // Sat 21:00 → Monday opening
        Assert.Equal("Tue 2026-12-08 08:00", LocalText(walk.Single("watch:plan"), r));      // Mon 21:00 → Tuesday opening
    }

    [Fact]
    public void Plan_OwnershipPostedAndPlanProposedInTime_NoWatchNudges()
    {
        var start = Local(Berlin, 2026, 11, 30, 9);
        var posted = start.AddHours(20);
        var walk = new PlannerWalk(start).Until(Local(Berlin, 2026, 12, 14, 9), now => Input(
            now < posted ? Triage(Berlin, start) : Triage(Berlin, start) with { OwnershipPostedAt = posted, PlanProposedAt = posted }));

        Assert.Empty(walk.Of(PostKind.OwnershipWatch));
        Assert.Empty(walk.Of(PostKind.PlanWatch));
    }

    [Fact]
    public void Plan_Closed_FollowUpFourteenDaysLaterAskingWhatStillHurts()
    {
        var closedAt = Local(Tokyo, 2026, 12, 4, 15, 30);
        var r = Recovery(Tokyo, Local(Tokyo, 2026, 11, 2, 9)) with { Phase = RecoveryPhase.Closed, ClosedAt = closedAt };
        var walk = new PlannerWalk(closedAt).Until(Local(Tokyo, 2027, 1, 11, 9), Input(r));

        var post = Assert.Single(walk.Posts);
        Assert.Equal("followup:2026-12-04", post.Key);
        Assert.Equal("Fri 2026-12-18 15:30", LocalText(post, r));
        Assert.Contains("What still hurts?", CoreText.Named(((Reply.Text)post.Reply).Message), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ClosedSaturdayEvening_FollowUpWaitsForMondayOpening()
    {
        var closedAt = Local(Berlin, 2026, 12, 5, 20);
        var r = Recovery(Berlin, Local(Berlin, 2026, 11, 2, 9)) with { Phase = RecoveryPhase.Closed, ClosedAt = closedAt };
        var walk = new PlannerWalk(closedAt).Until(Local(Berlin, 2027, 1, 11, 9), Input(r));

        Assert.Equal("Mon 2026-12-21 08:00", LocalText(Assert.Single(walk.Posts), r));
    }

    [Fact]
    public void Plan_FollowUpPosted_NoNextWake()
    {
        var closedAt = Local(Berlin, 2026, 12, 4, 15);
        var r = Recovery(Berlin, Local(Berlin, 2026, 11, 2, 9)) with { Phase = RecoveryPhase.Closed, ClosedAt = closedAt };

        var plan = SchedulePlanner.Plan(Input(r), closedAt, Local(Berlin, 2026, 12, 18, 15, 1));

        Assert.Single(plan.Due);
        Assert.Null(plan.NextWake);
    }
}
