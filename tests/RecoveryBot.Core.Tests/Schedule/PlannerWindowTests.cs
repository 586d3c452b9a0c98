using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Schedule.ScheduleData;

namespace RecoveryBot.Core.Tests.Schedule;

public sealed class PlannerWindowTests
{
    private static readonly Recovery R = Recovery(Berlin, Local(Berlin, 2026, 11, 30, 9));
    private static readonly ScheduleInput Busy = Input(R,
        InProgress(7, new DateOnly(2026, 12, 2), R.StartedAt),
        FixReady(8, new DateOnly(2026, 12, 3), R.StartedAt));

    [Fact]
    public void Plan_AfterThreeDayOutage_WaitsForOpeningThenCatchesUpEachOnceMarkedLate()
    {
        var downFrom = Local(Berlin, 2026, 12, 3, 8);   // Thursday morning
        var backAt = Local(Berlin, 2026, 12, 6, 8);     // Sunday morning: quiet, nothing may go out

        var sunday = SchedulePlanner.Plan(Busy, downFrom, backAt);
        Assert.Empty(sunday.Due);
        Assert.Equal(downFrom, sunday.PlannedThrough);
        Assert.Equal(Local(Berlin, 2026, 12, 7, 8), sunday.NextWake);

        var monday = SchedulePlanner.Plan(Busy, sunday.PlannedThrough, sunday.NextWake!.Value);
        Assert.Equal(["overdue:G-7:2026-12-02:nudge", "retest:G-8:2026-12-03:1", "checkin:2026-12-04"], monday.Due.Select(o => o.Key));
        Assert.All(monday.Due, o => Assert.True(o.Late));
        Assert.StartsWith("(late: was due Thu 3 Dec 2026 09:30) Ana Silva, G-7", CoreText.Named(((Reply.Text)((Reply.Direct)monday.Due[0].Reply).Fallback!).Message), StringComparison.Ordinal);
        Assert.Contains(ScheduledTexts.LateCardNote, ((Reply.Card)((Reply.Direct)monday.Due[0].Reply).Personal).Doc.Notes);
        Assert.Contains(ScheduledTexts.LateCardNote, ((Reply.Card)monday.Due[2].Reply).Doc.Notes);
        Assert.Contains(ScheduledTexts.LateCardNote, ((Reply.Card)((Reply.Direct)monday.Due[1].Reply).Personal).Doc.Notes);
    }

    [Fact]
    public void Plan_WithinFifteenMinutes_NotLate()
    {
        var plan = SchedulePlanner.Plan(Busy, Local(Berlin, 2026, 12, 3, 9), Local(Berlin, 2026, 12, 3, 9, 44));

        var nudge = Assert.Single(plan.Due);
        Assert.False(nudge.Late);
        Assert.StartsWith("Ana Silva", CoreText.Named(((Reply.Text)((Reply.Direct)nudge.Reply).Fallback!).Message), StringComparison.Ordinal);
        Assert.DoesNotContain(ScheduledTexts.LateCardNote, ((Reply.Card)((Reply.Direct)nudge.Reply).Personal).Doc.Notes);
    }

    [Fact]
    public void Plan_SameWindowTwice_SameKeysAndTimes()
    {
        var since = Local(Berlin, 2026, 12, 1, 8);
        var now = Local(Berlin, 2026, 12, 8, 12);

        var first = SchedulePlanner.Plan(Busy, since, now);
        var second = SchedulePlanner.Plan(Busy, since, now);

        Assert.Equal(first.Due.Select(o => (o.Key, o.DueAt)), second.Due.Select(o => (o.Key, o.DueAt)));
        Assert.Equal(first.NextWake, second.NextWake);
    }

    [Fact]
    public void Plan_NothingDue_NextWakeIsEarliestUpcoming()
    {
        var plan = SchedulePlanner.Plan(Busy, R.StartedAt, Local(Berlin, 2026, 12, 1, 12));

        Assert.Empty(plan.Due);
        Assert.Equal(Local(Berlin, 2026, 12, 3, 9, 30), plan.NextWake);
    }

    [Fact]
    public void Plan_WakeInQuietHoursWithNothingOwed_AdvancesWindowAndSleepsToNextOccurrence()
    {
        var since = Local(Berlin, 2026, 12, 1, 12);
        var evening = Local(Berlin, 2026, 12, 1, 21);

        var plan = SchedulePlanner.Plan(Busy, since, evening);

        Assert.Empty(plan.Due);
        Assert.Equal(Local(Berlin, 2026, 12, 3, 9, 30), plan.NextWake);
    }

    [Fact]
    public void Plan_OccurrenceKeys_FollowTheDocumentedShapes()
    {
        var plan = SchedulePlanner.Plan(Busy, R.StartedAt, Local(Berlin, 2026, 12, 8, 12));

        Assert.Equal(
            ["overdue:G-7:2026-12-02:nudge", "retest:G-8:2026-12-03:1", "checkin:2026-12-04", "overdue:G-7:2026-12-02:escalate",
             "retest:G-8:2026-12-03:2", "retest:G-8:2026-12-03:lead"],
            plan.Due.Select(o => o.Key));
    }

    [Fact]
    public void FirstLine_EachReply_ReadableSummary()
    {
        var plan = SchedulePlanner.Plan(Busy, Local(Berlin, 2026, 12, 3, 9), Local(Berlin, 2026, 12, 3, 10), TimeSpan.FromHours(1));

        Assert.Collection(plan.Due,
            o => Assert.StartsWith("Ana Silva, G-7 \"Sales reps", o.FirstLine, StringComparison.Ordinal),
            o => Assert.Equal("Ravi Mehta: does G-8 work in your normal day? Sales reps cannot send quotes from mobile", o.FirstLine));
    }
}
