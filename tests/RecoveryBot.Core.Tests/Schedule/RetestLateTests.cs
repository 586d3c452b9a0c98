using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Schedule.ScheduleData;

namespace RecoveryBot.Core.Tests.Schedule;

/// <summary>A retest reminder caught up after an outage says so on its card, as the check-in does.</summary>
public sealed class RetestLateTests
{
    private static readonly Recovery R = Recovery(Berlin, Local(Berlin, 2026, 11, 30, 9));
    private static readonly ScheduleInput Ready = Input(R, FixReady(7, new DateOnly(2026, 12, 3), Local(Berlin, 2026, 12, 1, 14)));

    private static CardDoc Card(Occurrence o) => Assert.IsType<Reply.Card>(Assert.IsType<Reply.Direct>(o.Reply).Personal).Doc;

    private static bool Late(CardDoc d) => d.Notes.Contains(ScheduledTexts.LateCardNote);

    [Fact]
    public void Plan_RetestReminderCaughtUpHoursLate_CardMarkedLate()
    {
        // Down from Thursday 08:00 to 14:00: the 10:00 reminder goes out four hours late.
        var plan = SchedulePlanner.Plan(Ready, Local(Berlin, 2026, 12, 3, 8), Local(Berlin, 2026, 12, 3, 14));

        var reminder = Assert.Single(plan.Due);
        Assert.Equal("retest:G-7:2026-12-03:1", reminder.Key);
        Assert.True(reminder.Late);
        Assert.True(Late(Card(reminder)));
        Assert.StartsWith("Reminder: does G-7 work", Card(reminder).Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SecondRetestReminderCaughtUpLate_CardMarkedLate()
    {
        var plan = SchedulePlanner.Plan(Ready, Local(Berlin, 2026, 12, 7, 8), Local(Berlin, 2026, 12, 7, 12));

        var second = Assert.Single(plan.Due, o => o.Kind == PostKind.RetestReminder);
        Assert.Equal("retest:G-7:2026-12-03:2", second.Key);
        Assert.True(Late(Card(second)));
        Assert.StartsWith("(late: was due Mon 7 Dec 2026 10:00) ",
            CoreText.Named(((Reply.Text)Assert.Single(plan.Due, o => o.Kind == PostKind.RetestLeadNotice).Reply).Message), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_RetestReminderOnTime_CardNotLate()
    {
        var plan = SchedulePlanner.Plan(Ready, Local(Berlin, 2026, 12, 3, 9, 30), Local(Berlin, 2026, 12, 3, 10, 5));

        var reminder = Assert.Single(plan.Due);
        Assert.False(reminder.Late);
        Assert.False(Late(Card(reminder)));
    }
}
