using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Schedule.ScheduleData;

namespace RecoveryBot.Core.Tests.Schedule;

public sealed class CheckinScheduleTests
{
    [Theory]
    [InlineData(Berlin)]
    [InlineData(NewYork)]
    [InlineData(Tokyo)]
    public void Plan_ThreeWeeksAcrossAutumnDstSwitch_ChecksInFridays1600LocalOnce(string zone)
    {
        // Berlin leaves summer time on Sun 25 Oct 2026, New York on Sun 1 Nov 2026; Tokyo has none.
        var r = Recovery(zone, Local(zone, 2026, 10, 19, 9));
        var walk = new PlannerWalk(r.StartedAt).Until(Local(zone, 2026, 11, 9, 9), Input(r));

        Assert.Equal(["checkin:2026-10-23", "checkin:2026-10-30", "checkin:2026-11-06"], walk.Keys);
        Assert.All(walk.Posts, p => Assert.Equal(new TimeOnly(16, 0), TimeOnly.FromDateTime(PlannerWalk.LocalOf(p, r))));
        Assert.All(walk.Posts, p => Assert.Equal(DayOfWeek.Friday, PlannerWalk.LocalOf(p, r).DayOfWeek));
        Assert.All(walk.Posts, p => Assert.False(p.Late));
    }

    [Fact]
    public void Plan_BerlinWeekOfDstEnd_MovesUtcInstantByOneHour()
    {
        var r = Recovery(Berlin, Local(Berlin, 2026, 10, 19, 9));
        var walk = new PlannerWalk(r.StartedAt).Until(Local(Berlin, 2026, 11, 2, 9), Input(r));

        Assert.Equal([new DateTimeOffset(2026, 10, 23, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 30, 15, 0, 0, TimeSpan.Zero)],
            walk.Posts.Select(p => p.DueAt.ToUniversalTime()));
    }

    [Fact]
    public void Plan_NewYorkWeekOfDstEnd_MovesUtcInstantByOneHour()
    {
        var r = Recovery(NewYork, Local(NewYork, 2026, 10, 26, 9));
        var walk = new PlannerWalk(r.StartedAt).Until(Local(NewYork, 2026, 11, 9, 9), Input(r));

        Assert.Equal([new DateTimeOffset(2026, 10, 30, 20, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 6, 21, 0, 0, TimeSpan.Zero)],
            walk.Posts.Select(p => p.DueAt.ToUniversalTime()));
    }

    [Fact]
    public void Plan_TokyoWeeks_AlwaysSevenUtc()
    {
        var r = Recovery(Tokyo, Local(Tokyo, 2026, 10, 19, 9));
        var walk = new PlannerWalk(r.StartedAt).Until(Local(Tokyo, 2026, 11, 9, 9), Input(r));

        Assert.All(walk.Posts, p => Assert.Equal(7, p.DueAt.UtcDateTime.Hour));
        Assert.Equal(3, walk.Posts.Count);
    }

    [Theory]
    [InlineData(Berlin)]
    [InlineData(NewYork)]
    public void Plan_WeeksAcrossSpringDstSwitch_ChecksInFridays1600Local(string zone)
    {
        // New York starts summer time on Sun 8 Mar 2026, Berlin on Sun 29 Mar 2026.
        var r = Recovery(zone, Local(zone, 2026, 3, 2, 9));
        var walk = new PlannerWalk(r.StartedAt).Until(Local(zone, 2026, 4, 6, 9), Input(r));

        Assert.Equal(5, walk.Posts.Count);
        Assert.All(walk.Posts, p => Assert.Equal(new DateTime(2026, 3, 6, 16, 0, 0).AddDays(7 * walk.Posts.IndexOf(p)), PlannerWalk.LocalOf(p, r)));
    }

    [Fact]
    public void Plan_CheckinPost_IsComposedCheckinCardForTheChannel()
    {
        var r = Recovery(Berlin, Local(Berlin, 2026, 11, 30, 9));
        var walk = new PlannerWalk(r.StartedAt).Until(Local(Berlin, 2026, 12, 4, 17), Input(r, InProgress(1, new DateOnly(2026, 12, 11), r.StartedAt)));

        var post = walk.Single("checkin:2026-12-04");
        var card = Assert.IsType<Reply.Card>(post.Reply);
        Assert.Equal(Audience.Channel, card.To);
        var checkin = card.Doc;
        Assert.Equal("Quotes rollout", checkin.Context);
        Assert.Equal("Check-in Fri 4 Dec 2026", checkin.Title);
        Assert.StartsWith("1 open now", checkin.Sections[0].Lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(ScheduledTexts.LateCardNote, checkin.Notes);
    }

    [Theory]
    [InlineData(DayOfWeek.Friday, 20, 0, "2026-12-07 08:00")]   // quiet hours → next business day 08:00
    [InlineData(DayOfWeek.Friday, 7, 0, "2026-12-04 08:00")]    // before opening → 08:00 the same day
    [InlineData(DayOfWeek.Sunday, 10, 0, "2026-12-07 10:00")]   // weekend → Monday at its time
    [InlineData(DayOfWeek.Tuesday, 9, 45, "2026-12-01 09:45")]
    public void Plan_CheckinSetOutsidePostingHours_MovesToNextBusinessDay(DayOfWeek day, int hour, int minute, string expected)
    {
        var r = Recovery(Berlin, Local(Berlin, 2026, 11, 30, 9)) with { CheckinDay = day, CheckinTime = new TimeOnly(hour, minute) };
        var walk = new PlannerWalk(r.StartedAt).Until(Local(Berlin, 2026, 12, 8, 9), Input(r));

        var first = walk.Of(PostKind.Checkin).First();
        Assert.Equal(expected, PlannerWalk.LocalOf(first, r).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Plan_ClosedRecovery_PostsNoCheckin()
    {
        var r = Recovery(Berlin, Local(Berlin, 2026, 11, 30, 9)) with { Phase = RecoveryPhase.Closed, ClosedAt = Local(Berlin, 2026, 12, 1, 9) };
        var walk = new PlannerWalk(r.StartedAt).Until(Local(Berlin, 2026, 12, 12, 9), Input(r));

        Assert.Empty(walk.Of(PostKind.Checkin));
    }

    [Fact]
    public void Plan_NoticesOwed_ListedForTheLeadInCheckin()
    {
        var r = Recovery(Berlin, Local(Berlin, 2026, 11, 30, 9));
        var input = Input(r) with { Notices = ["An overdue nudge (overdue:G-3:2026-12-01:nudge) was not delivered: bot removed"] };
        var walk = new PlannerWalk(r.StartedAt).Until(Local(Berlin, 2026, 12, 4, 17), input);

        var card = ((Reply.Card)walk.Single("checkin:2026-12-04").Reply).Doc;
        var section = Assert.Single(card.Sections, s => s.Heading == ScheduledTexts.NoticesTitle);
        Assert.Contains("bot removed", Assert.Single(section.Lines), StringComparison.Ordinal);
    }
}
