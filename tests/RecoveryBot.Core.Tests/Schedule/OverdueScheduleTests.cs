using System.Globalization;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Schedule.ScheduleData;

namespace RecoveryBot.Core.Tests.Schedule;

public sealed class OverdueScheduleTests
{
    private static readonly Recovery R = Recovery(Berlin, Local(Berlin, 2026, 11, 30, 9));

    private static string LocalText(Occurrence o) =>
        PlannerWalk.LocalOf(o, R).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-12-03", "Fri 2026-12-04 09:30", "Tue 2026-12-08 09:30")] // Thursday: the escalation skips the weekend
    [InlineData("2026-12-04", "Mon 2026-12-07 09:30", "Wed 2026-12-09 09:30")] // Friday: the nudge skips the weekend
    [InlineData("2026-12-05", "Mon 2026-12-07 09:30", "Wed 2026-12-09 09:30")] // Saturday
    [InlineData("2026-12-07", "Tue 2026-12-08 09:30", "Thu 2026-12-10 09:30")]
    [InlineData("2026-12-09", "Thu 2026-12-10 09:30", "Mon 2026-12-14 09:30")]
    public void Plan_ItemStaysOverdue_NudgesNextBusinessDayAndEscalatesTwoBusinessDaysLater(string due, string nudge, string escalation)
    {
        var gap = InProgress(7, DateOnly.Parse(due, CultureInfo.InvariantCulture), R.StartedAt);
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 21, 9), Input(R, gap));

        Assert.Equal(nudge, LocalText(walk.Single($"overdue:G-7:{due}:nudge")));
        Assert.Equal(escalation, LocalText(walk.Single($"overdue:G-7:{due}:escalate")));
    }

    [Fact]
    public void Plan_OverdueNudge_OwnerCardHasMarkFixReadyAndMoveTheDate()
    {
        var gap = InProgress(7, new DateOnly(2026, 12, 4), R.StartedAt);
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 7, 10), Input(R, gap));

        var direct = Assert.IsType<Reply.Direct>(walk.Single("overdue:G-7:2026-12-04:nudge").Reply);
        Assert.Equal(gap.Owner, direct.Person);
        var card = Assert.IsType<Reply.Card>(direct.Personal);
        Assert.Equal(Audience.Actor, card.To);
        Assert.Equal(["Mark fix ready", "Move the date"], card.Doc.Actions.Select(a => a.Label));
        Assert.Equal([CardVerbs.ReadyForm, CardVerbs.DueForm], card.Doc.Actions.Select(a => a.Verb));
        Assert.All(card.Doc.Actions, a => Assert.Equal((gap.Id, gap.Revision, Role.Owner), (a.Gap!.Value, a.Revision, a.MayPress)));
        Assert.Contains(card.Doc.Holders, h => h.Role == Role.Owner && h.User.Is(gap.Owner));
        Assert.Equal([gap.Owner!], CoreText.People(card.Doc.Banner!.Text));
        Assert.StartsWith("Ana Silva, G-7 was due Fri 4 Dec 2026", CoreText.Named(card.Doc.Banner.Text), StringComparison.Ordinal);

        // The channel fallback is read by everyone: it names the typed commands instead of buttons.
        var text = Assert.IsType<Reply.Text>(direct.Fallback);
        Assert.Equal(Audience.Channel, text.To);
        Assert.Equal([gap.Owner!], CoreText.People(text.Message));
        Assert.Contains("`ready G-7 retest @user <date>`", CoreText.Named(text.Message), StringComparison.Ordinal);
        Assert.Contains("`due G-7 <date> because <reason>`", CoreText.Named(text.Message), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OverdueEscalation_NamesLeadAndDaysLate()
    {
        var gap = InProgress(7, new DateOnly(2026, 12, 4), R.StartedAt);
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 9, 10), Input(R, gap));

        var text = Assert.IsType<Reply.Text>(walk.Single("overdue:G-7:2026-12-04:escalate").Reply);
        Assert.StartsWith("Escalation for Lena Ortiz: G-7", CoreText.Named(text.Message), StringComparison.Ordinal);
        Assert.Equal([R.Lead], CoreText.People(text.Message));
        Assert.Contains("3 business day(s) late", CoreText.Named(text.Message), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WalkedThreeWeeks_NeverPostsOnWeekendsOrInQuietHours()
    {
        var gaps = Enumerable.Range(1, 10).Select(n => InProgress(n, new DateOnly(2026, 11, 30).AddDays(n), R.StartedAt)).ToArray();
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 21, 9), Input(R, gaps));

        Assert.Equal(20, walk.Of(PostKind.OverdueNudge).Count() + walk.Of(PostKind.OverdueEscalation).Count());
        Assert.All(walk.LocalTimes, t => Assert.True(
            t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && t.Hour is >= 8 and < 19, $"posted {t:ddd HH:mm}"));
        Assert.Equal(walk.Keys.Count(), walk.Keys.Distinct().Count());
    }

    [Fact]
    public void Plan_FixReadyBeforeNudge_PostsNothingStale()
    {
        var due = new DateOnly(2026, 12, 4);
        var readyAt = Local(Berlin, 2026, 12, 7, 9);
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 14, 9), now => Input(R,
            now < readyAt ? InProgress(7, due, R.StartedAt) : FixReady(7, new DateOnly(2026, 12, 20), readyAt)));

        Assert.Empty(walk.Of(PostKind.OverdueNudge));
    }

    [Fact]
    public void Plan_DateMovedAfterNudge_NoEscalationForOldDateButNudgeForNewOne()
    {
        var movedAt = Local(Berlin, 2026, 12, 8, 11);
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 21, 9), now => Input(R,
            InProgress(7, now < movedAt ? new DateOnly(2026, 12, 4) : new DateOnly(2026, 12, 11), R.StartedAt)));

        Assert.Equal(["overdue:G-7:2026-12-04:nudge", "overdue:G-7:2026-12-11:nudge", "overdue:G-7:2026-12-11:escalate"],
            walk.Posts.Where(p => p.Kind != PostKind.Checkin).Select(p => p.Key));
    }

    [Fact]
    public void Plan_LaterBucketOrVerified_NoOverdueNudges()
    {
        var due = new DateOnly(2026, 12, 1);
        var later = InProgress(1, due, R.StartedAt) with { Bucket = Bucket.Later };
        var verified = InProgress(2, due, R.StartedAt) with { Status = GapStatus.Verified };
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 14, 9), Input(R, later, verified));

        Assert.All(walk.Posts, p => Assert.Equal(PostKind.Checkin, p.Kind));
    }

    [Fact]
    public void Plan_WalkedEveryTenMinutes_SamePostsAsSleepingUntilNextWake()
    {
        var gaps = new[] { InProgress(1, new DateOnly(2026, 12, 3), R.StartedAt), FixReady(2, new DateOnly(2026, 12, 4), R.StartedAt) };
        var end = Local(Berlin, 2026, 12, 14, 9);
        var woken = new PlannerWalk(R.StartedAt).Until(end, Input(R, gaps));
        var stepped = new PlannerWalk(R.StartedAt).Until(end, Input(R, gaps), TimeSpan.FromMinutes(10));

        Assert.Equal(woken.Keys, stepped.Keys);
        Assert.All(stepped.Posts, p => Assert.False(p.Late));
    }
}
