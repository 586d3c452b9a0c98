using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using RecoveryBot.Storage.Scheduling;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests.Scheduling;

public sealed class CatchUpTests(AzuriteFixture azurite) : SchedulerTestBase(azurite)
{
    [Fact]
    public async Task RunOnce_ThreeDayOutage_PostsEachMissedOccurrenceOnceMarkedLate()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-outage"), WeekGaps());
        await TickUntilAsync(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), NewRunner("host-1"));
        Assert.Empty(Poster.Calls);

        // Down from Tuesday 08:00 to Friday 12:00 Berlin; a fresh host comes up.
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 11, 0, 0, TimeSpan.Zero));
        var back = NewRunner("host-2");
        await back.RunOnceAsync(Ct);

        Assert.Equal(["overdue:G-1:2026-12-01:nudge", "retest:G-2:2026-12-03:1", "overdue:G-1:2026-12-01:escalate"], await PostedKeysAsync(r.Id));
        Assert.Collection(Poster.Posted,
            p =>
            {
                // The nudge goes to its owner by direct message: the card says it is late, and so does its channel version.
                var direct = (Reply.Direct)p.Reply;
                Assert.Contains(ScheduledTexts.LateCardNote, ((Reply.Card)direct.Personal).Doc.Notes);
                Assert.StartsWith("(late: was due Wed 2 Dec 2026 09:30) Ana Silva, G-1", CoreText.Named(((Reply.Text)direct.Fallback!).Message), StringComparison.Ordinal);
            },
            p => Assert.StartsWith("Reminder:", ((Reply.Card)((Reply.Direct)p.Reply).Personal).Doc.Title, StringComparison.Ordinal),
            p => Assert.StartsWith("(late: was due Fri 4 Dec 2026 09:30) Escalation for Lena Ortiz", p.Text, StringComparison.Ordinal));
        Assert.True((await RowAsync(r.Id, "retest:G-2:2026-12-03:1")).Late);

        await TickUntilAsync(WeekEnd, TimeSpan.FromMinutes(30), back, NewRunner("host-3"));

        Assert.Equal(WeekKeys.Length, Poster.Calls.Count);
        Assert.DoesNotContain(ScheduledTexts.LateCardNote, ((Reply.Card)Poster.Posted[^1].Reply).Doc.Notes);
    }

    [Fact]
    public async Task RunOnce_OutageEndingOnWeekend_WaitsForMondayOpeningAndMarksCheckinLate()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-weekend"), WeekGaps());
        await TickUntilAsync(new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), NewRunner("host-1"));
        Assert.Single(Poster.Calls); // Wednesday's nudge

        Time.SetUtcNow(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero)); // back on Sunday: quiet
        var back = NewRunner("host-2");
        await TickUntilAsync(new DateTimeOffset(2026, 12, 7, 6, 30, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), back);
        Assert.Single(Poster.Calls);

        await TickUntilAsync(new DateTimeOffset(2026, 12, 7, 7, 30, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), back);

        var caughtUp = Poster.Posted.Skip(1).ToList();
        Assert.Equal(3, caughtUp.Count);
        Assert.All(caughtUp, p => Assert.Equal(new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.Zero), p.At)); // Monday 08:00 Berlin
        var checkin = Assert.Single(caughtUp, p => p.Reply is Reply.Card c && c.Doc.Title.StartsWith("Check-in", StringComparison.Ordinal));
        Assert.Contains(ScheduledTexts.LateCardNote, ((Reply.Card)checkin.Reply).Doc.Notes);
        Assert.Equal(WeekKeys, await PostedKeysAsync(r.Id));
    }

    [Fact]
    public async Task RunOnce_ItemVerifiedWhileHostWasDown_StaleRetestReminderNotPosted()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-stale"), WeekGaps());
        await TickUntilAsync(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), NewRunner("host-1"));

        // While the host is down, Ravi verifies G-2 on Thursday at 11:00, after its 10:00 reminder slot.
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        var g2 = (await Store.GetGapAsync(r.Id, new GapId(2), Ct))!;
        await Store.CommitAsync(new(r.Id) { Gaps = [g2 with { Status = GapStatus.Verified, VerifiedBy = Retester, VerifiedAt = Time.GetUtcNow() }] }, Ct);
        await Index.WakeAsync(r.Id, Ct);
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 11, 0, 0, TimeSpan.Zero));
        await NewRunner("host-2").RunOnceAsync(Ct);

        Assert.Null(await Outbox.GetAsync(r.Id, "retest:G-2:2026-12-03:1", Ct));
        Assert.Equal(["overdue:G-1:2026-12-01:nudge", "overdue:G-1:2026-12-01:escalate"], await PostedKeysAsync(r.Id));
    }

    [Fact]
    public async Task RunOnce_OutageLongerThanCatchUpLimit_PostsOnlyRecentOccurrences()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-long"), WeekGaps());
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 11, 0, 0, TimeSpan.Zero));

        await NewRunner("host-1", configure: o => o.CatchUpLimit = TimeSpan.FromDays(1)).RunOnceAsync(Ct);

        Assert.Equal(["overdue:G-1:2026-12-01:escalate"], await PostedKeysAsync(r.Id));
        Assert.Null(await Outbox.GetAsync(r.Id, "overdue:G-1:2026-12-01:nudge", Ct));
    }
}
