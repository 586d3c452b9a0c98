using System.Globalization;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Schedule.ScheduleData;

namespace RecoveryBot.Core.Tests.Schedule;

public sealed class RetestScheduleTests
{
    private static readonly Recovery R = Recovery(Berlin, Local(Berlin, 2026, 11, 30, 9));
    private static readonly DateTimeOffset ReadyAt = Local(Berlin, 2026, 12, 1, 14);

    private static string LocalText(Occurrence o) =>
        PlannerWalk.LocalOf(o, R).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public void Plan_RetestDate_RemindsRetesterAt1000WithRetestCard()
    {
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 3, 12), Input(R, FixReady(7, new DateOnly(2026, 12, 3), ReadyAt)));

        var post = walk.Single("retest:G-7:2026-12-03:1");
        Assert.Equal("Thu 2026-12-03 10:00", LocalText(post));
        var direct = Assert.IsType<Reply.Direct>(post.Reply);
        Assert.Equal(post.Recipient, direct.Person);
        Assert.Equal(Audience.Channel, Assert.IsType<Reply.Card>(direct.Fallback).To);
        var card = Assert.IsType<Reply.Card>(direct.Personal).Doc;
        Assert.StartsWith("Reminder: does G-7", card.Title, StringComparison.Ordinal);
        Assert.Contains(new Fact("Retester", Ravi.Name), card.Facts);
        Assert.Equal([CardVerbs.Works, CardVerbs.Broken], card.Actions.Select(a => a.Verb));
    }

    [Fact]
    public void Plan_NoVerdictAfterTwoBusinessDays_RemindsAgainAndTellsLead()
    {
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 14, 9), Input(R, FixReady(7, new DateOnly(2026, 12, 3), ReadyAt)));

        Assert.Equal("Mon 2026-12-07 10:00", LocalText(walk.Single("retest:G-7:2026-12-03:2")));
        var notice = walk.Single("retest:G-7:2026-12-03:lead");
        Assert.Equal("Mon 2026-12-07 10:00", LocalText(notice));
        Assert.StartsWith("Lena Ortiz: Ravi Mehta has not answered the retest of G-7", CoreText.Named(((Reply.Text)notice.Reply).Message), StringComparison.Ordinal);
        Assert.Equal(3, walk.Of(PostKind.RetestReminder).Count() + walk.Of(PostKind.RetestLeadNotice).Count());
    }

    [Fact]
    public void Plan_VerifiedBeforeSecondReminder_PostsNoSecondReminder()
    {
        var verifiedAt = Local(Berlin, 2026, 12, 4, 11);
        var ready = FixReady(7, new DateOnly(2026, 12, 3), ReadyAt);
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 14, 9), now => Input(R,
            now < verifiedAt ? ready : ready with { Status = GapStatus.Verified, VerifiedBy = Ravi, VerifiedAt = verifiedAt }));

        Assert.Equal(["retest:G-7:2026-12-03:1"], walk.Posts.Where(p => p.Kind != PostKind.Checkin).Select(p => p.Key));
    }

    [Fact]
    public void Plan_RetestDateOnSaturday_RemindsMondayAndAgainWednesday()
    {
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 14, 9), Input(R, FixReady(7, new DateOnly(2026, 12, 5), ReadyAt)));

        Assert.Equal("Mon 2026-12-07 10:00", LocalText(walk.Single("retest:G-7:2026-12-05:1")));
        Assert.Equal("Wed 2026-12-09 10:00", LocalText(walk.Single("retest:G-7:2026-12-05:2")));
    }

    [Fact]
    public void Plan_FixReadyAfterTheRetestSlot_SkipsFirstReminder()
    {
        // `ready` at 11:00 shows the retest card itself; a 10:00 reminder that morning would be stale.
        var readyLate = Local(Berlin, 2026, 12, 3, 11);
        var walk = new PlannerWalk(R.StartedAt).Until(Local(Berlin, 2026, 12, 14, 9),
            now => Input(R, now < readyLate ? InProgress(7, new DateOnly(2026, 12, 10), R.StartedAt) : FixReady(7, new DateOnly(2026, 12, 3), readyLate)));

        Assert.DoesNotContain("retest:G-7:2026-12-03:1", walk.Keys);
        Assert.Contains("retest:G-7:2026-12-03:2", walk.Keys);
    }
}

public sealed class RetestRoundTests
{
    private static readonly Recovery R = ScheduleData.Recovery(ScheduleData.Berlin, ScheduleData.Local(ScheduleData.Berlin, 2026, 11, 30, 9));

    [Fact]
    public void Plan_FixBackAfterStillBroken_WithTheSameRetestDate_OwesItsOwnReminders()
    {
        var date = new DateOnly(2026, 12, 4);
        var first = ScheduleData.FixReady(7, date, ScheduleData.Local(ScheduleData.Berlin, 2026, 12, 1, 14));
        var brokenAt = ScheduleData.Local(ScheduleData.Berlin, 2026, 12, 4, 11);
        var again = first with { BrokenNote = "still fails on the tablet", FixReadyAt = ScheduleData.Local(ScheduleData.Berlin, 2026, 12, 4, 12) };
        var walk = new PlannerWalk(R.StartedAt).Until(ScheduleData.Local(ScheduleData.Berlin, 2026, 12, 14, 9),
            now => ScheduleData.Input(R, now < brokenAt ? first : again));

        var keys = walk.Posts.Where(p => p.Kind == PostKind.RetestReminder).Select(p => p.Key).ToList();
        Assert.Contains("retest:G-7:2026-12-04:1", keys);
        // The second round is a new occurrence (its own key), so an outbox that already holds round one's posts still sends it.
        Assert.Contains("retest:G-7:2026-12-04@20261204110000:2", keys);
        Assert.DoesNotContain("retest:G-7:2026-12-04:2", keys);
    }
}
