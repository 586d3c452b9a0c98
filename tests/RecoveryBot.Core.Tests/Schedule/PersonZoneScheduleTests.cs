using System.Globalization;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Schedule.ScheduleData;

namespace RecoveryBot.Core.Tests.Schedule;

/// <summary>Personal posts in the recipient's own zone and hours; channel posts and keys as in the recovery's zone.</summary>
public sealed class PersonZoneScheduleTests
{
    private static readonly Recovery R = Recovery(Berlin, Local(Berlin, 2026, 11, 30, 9));
    private static readonly DateTimeOffset ReadyAt = Local(Berlin, 2026, 12, 1, 14);

    private static ScheduleInput Zoned(ScheduleInput input, params (UserRef Person, string Zone)[] zones) =>
        input with { PersonZones = zones.ToDictionary(z => z.Person.Id, z => z.Zone) };

    private static string In(string zone, Occurrence o) =>
        TimeZones.Find(zone)!.ToLocal(o.DueAt).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public void Plan_RetesterInTokyo_RemindsAt1000TokyoOnRetestDate()
    {
        var input = Zoned(Input(R, FixReady(7, new DateOnly(2026, 12, 3), ReadyAt)), (Ravi, Tokyo));

        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 14, 9), input);

        var first = walk.Single("retest:G-7:2026-12-03:1");
        Assert.Equal("Thu 2026-12-03 10:00", In(Tokyo, first));
        Assert.Equal("Thu 2026-12-03 02:00", In(Berlin, first));   // a quiet hour in Berlin: the person's hours count
        Assert.False(first.Late);
        Assert.Equal(Tokyo, first.Zone?.Id);
        Assert.Equal("Mon 2026-12-07 10:00", In(Tokyo, walk.Single("retest:G-7:2026-12-03:2")));
        // The lead's notice is a channel post: the recovery's zone.
        var notice = walk.Single("retest:G-7:2026-12-03:lead");
        Assert.Equal("Mon 2026-12-07 10:00", In(Berlin, notice));
        Assert.Null(notice.Zone);
    }

    [Fact]
    public void Plan_RetestDateOnSaturday_RemindsMonday1000Tokyo()
    {
        var input = Zoned(Input(R, FixReady(7, new DateOnly(2026, 12, 5), ReadyAt)), (Ravi, Tokyo));

        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 14, 9), input);

        Assert.Equal("Mon 2026-12-07 10:00", In(Tokyo, walk.Single("retest:G-7:2026-12-05:1")));
        Assert.Equal("Wed 2026-12-09 10:00", In(Tokyo, walk.Single("retest:G-7:2026-12-05:2")));
    }

    [Fact]
    public void Plan_CatchUpDuringTokyoFridayEvening_WaitsForMonday0800Tokyo()
    {
        // Down from Friday 08:00 Berlin (16:00 Tokyo, before nothing was due) to Friday 12:00 Berlin = 20:00 Tokyo:
        // Berlin is open, but the retester's evening and weekend are quiet, so the reminder waits for Monday 08:00 Tokyo.
        var input = Zoned(Input(R, FixReady(7, new DateOnly(2026, 12, 4), ReadyAt)), (Ravi, Tokyo));
        var downFrom = Local(Berlin, 2026, 12, 4, 1);   // Friday 09:00 Tokyo: the 10:00 reminder is still ahead
        var backAt = Local(Berlin, 2026, 12, 4, 12);

        var friday = SchedulePlanner.Plan(input, downFrom, backAt);
        Assert.DoesNotContain(friday.Due, o => o.Key.StartsWith("retest:", StringComparison.Ordinal));
        Assert.Equal(downFrom, friday.PlannedThrough);
        Assert.Equal(Local(Berlin, 2026, 12, 4, 16), friday.NextWake);   // the check-in, in Berlin's hours

        var checkin = SchedulePlanner.Plan(input, friday.PlannedThrough, friday.NextWake!.Value);
        Assert.Equal(["checkin:2026-12-04"], checkin.Due.Select(o => o.Key));
        Assert.Equal(downFrom, checkin.PlannedThrough);
        Assert.Equal(Local(Tokyo, 2026, 12, 7, 8), checkin.NextWake);

        var monday = SchedulePlanner.Plan(input, checkin.PlannedThrough, checkin.NextWake!.Value);
        var reminder = Assert.Single(monday.Due, o => o.Key == "retest:G-7:2026-12-04:1");
        Assert.True(reminder.Late);
        Assert.Contains(ScheduledTexts.LateCardNote, ((Reply.Card)((Reply.Direct)reminder.Reply).Personal).Doc.Notes);
    }

    [Fact]
    public void Plan_LateNudge_SaysWhenItWasDueInTheOwnersZone()
    {
        var input = Zoned(Input(R, InProgress(7, new DateOnly(2026, 12, 2), R.StartedAt)), (Ana, Tokyo));

        var plan = SchedulePlanner.Plan(input, Local(Berlin, 2026, 12, 3, 1), Local(Berlin, 2026, 12, 3, 3));

        var nudge = Assert.Single(plan.Due);
        // The nudge is the owner's card by direct message; its channel version carries the late line.
        var fallback = (Reply.Text)((Reply.Direct)nudge.Reply).Fallback!;
        Assert.StartsWith("(late: was due Thu 3 Dec 2026 09:30) Ana Silva", CoreText.Named(fallback.Message), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OwnerWithNoKnownZone_Nudged0930InRecoveryZone()
    {
        var input = Zoned(Input(R, InProgress(7, new DateOnly(2026, 12, 2), R.StartedAt)), (Ravi, Tokyo));

        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 4, 9), input);

        var nudge = walk.Single("overdue:G-7:2026-12-02:nudge");
        Assert.Equal("Thu 2026-12-03 09:30", In(Berlin, nudge));
        Assert.Null(nudge.Zone);
    }

    [Fact]
    public void Plan_OwnerInNewYork_Nudged0930NewYorkEscalationInBerlin()
    {
        var input = Zoned(Input(R, InProgress(7, new DateOnly(2026, 12, 2), R.StartedAt)), (Ana, NewYork));

        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 9, 9), input);

        Assert.Equal("Thu 2026-12-03 09:30", In(NewYork, walk.Single("overdue:G-7:2026-12-02:nudge")));
        Assert.Equal("Mon 2026-12-07 09:30", In(Berlin, walk.Single("overdue:G-7:2026-12-02:escalate")));
    }

    [Fact]
    public void Plan_PersonZones_SameKeysAsWithout()
    {
        var plain = Input(R, FixReady(7, new DateOnly(2026, 12, 3), ReadyAt), InProgress(8, new DateOnly(2026, 12, 2), R.StartedAt));
        var end = Local(Berlin, 2026, 12, 21, 9);

        var without = new PlannerWalk(R.StartedAt).Until(end, plain);
        var with = new PlannerWalk(R.StartedAt).Until(end, Zoned(plain, (Ravi, Tokyo), (Ana, NewYork)));

        Assert.Equal(without.Keys.Order(StringComparer.Ordinal), with.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Plan_ZoneLearntBeforeReminder_MovesItToTheNewZone()
    {
        var plain = Input(R, FixReady(7, new DateOnly(2026, 12, 3), ReadyAt));
        var learnt = Local(Berlin, 2026, 12, 2, 15);

        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 4, 9),
            now => now < learnt ? plain : Zoned(plain, (Ravi, NewYork)), TimeSpan.FromMinutes(15));

        var first = walk.Single("retest:G-7:2026-12-03:1");
        Assert.Equal("Thu 2026-12-03 10:00", In(NewYork, first));
        Assert.False(first.Late);
    }

    [Fact]
    public void Plan_ZoneLearntAfterItsInstantPassed_PostsOnceLateInsteadOfSkipping()
    {
        // Tokyo's 10:00 is Berlin's 02:00; the zone arrives at 03:00 Berlin, after a window passed 02:00.
        var plain = Input(R, FixReady(7, new DateOnly(2026, 12, 3), ReadyAt));
        var learnt = Local(Berlin, 2026, 12, 3, 3);

        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 4, 9),
            now => now < learnt ? plain : Zoned(plain, (Ravi, Tokyo)), TimeSpan.FromMinutes(15));

        var first = walk.Single("retest:G-7:2026-12-03:1");
        Assert.True(first.Late);
        Assert.Equal(Tokyo, first.Zone?.Id);
        Assert.Equal("Thu 2026-12-03 03:00", walk.LocalTimes[walk.Posts.IndexOf(first)].ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    public void Plan_UnknownZoneId_IgnoredRecoveryZoneUsed(string zone)
    {
        var input = Zoned(Input(R, FixReady(7, new DateOnly(2026, 12, 3), ReadyAt)), (Ravi, zone));

        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 4, 9), input);

        var first = walk.Single("retest:G-7:2026-12-03:1");
        Assert.Equal("Thu 2026-12-03 10:00", In(Berlin, first));
        Assert.Null(first.Zone);
    }

    [Fact]
    public void PeopleWithZones_NearPersonalPosts_NamesTheirRecipientsOnly()
    {
        var input = Input(R, FixReady(7, new DateOnly(2026, 12, 3), ReadyAt), InProgress(8, new DateOnly(2026, 12, 30), R.StartedAt));
        var now = Local(Berlin, 2026, 12, 2, 12);

        var wanted = SchedulePlanner.PeopleWithZones(input, now.AddHours(-1), now);

        Assert.Equal([Ravi], wanted.People);   // Ana's nudge is weeks away: read her zone nearer the time
        Assert.Equal(Local(Berlin, 2026, 12, 31, 9, 30) - SchedulePlanner.ZoneHorizon, wanted.PlanAgainBy);
    }
}
