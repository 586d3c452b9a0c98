using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using RecoveryBot.Storage.Scheduling;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests.Scheduling;

public sealed class OutboxRetryTests(AzuriteFixture azurite) : SchedulerTestBase(azurite)
{
    private static readonly DateTimeOffset RetestSlot = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero); // Thu 10:00 Berlin

    private async Task<Recovery> SeedRetestOnlyAsync(string conversation)
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", conversation), WeekGaps()[1]);
        await NewRunner("host-0").RunOnceAsync(Ct); // plans at the start; the next wake is the retest slot
        Time.SetUtcNow(RetestSlot);
        return r;
    }

    [Fact]
    public async Task RunOnce_PosterAnswersRetryLaterTwice_PostsOnceAfterTheDelay()
    {
        var r = await SeedRetestOnlyAsync("C-retry");
        Poster.Answer = n => n < 2 ? new PostResult.RetryLater(TimeSpan.FromMinutes(5), "ratelimited") : new PostResult.Posted("m7");

        await TickUntilAsync(RetestSlot.AddMinutes(20), TimeSpan.FromSeconds(30), NewRunner("host-1"));

        Assert.Equal([RetestSlot, RetestSlot.AddMinutes(5), RetestSlot.AddMinutes(10)], Poster.Calls.Select(c => c.At));
        var posted = Assert.Single(Poster.Posted);
        Assert.Equal(RetestSlot.AddMinutes(10), posted.At);
        var row = await RowAsync(r.Id, "retest:G-2:2026-12-03:1");
        Assert.Equal((OutboxRow.Sent, 3, "m7"), (row.Status, row.Attempts, row.MessageId));
    }

    [Fact]
    public async Task RunOnce_RetryAfterBetweenTicks_RetriedOnFirstTickAfterIt()
    {
        await SeedRetestOnlyAsync("C-retry-after");
        Poster.Answer = n => n == 0 ? new PostResult.RetryLater(TimeSpan.FromSeconds(95), "429") : new PostResult.Posted(null);

        await TickUntilAsync(RetestSlot.AddMinutes(3), TimeSpan.FromSeconds(30), NewRunner("host-1"));

        // Retry-After is 95 s; ticks come every 30 s, so 09:01:30 is too early and 09:02:00 the first allowed.
        Assert.Equal([RetestSlot, RetestSlot.AddMinutes(2)], Poster.Calls.Select(c => c.At));
    }

    [Fact]
    public async Task RunOnce_PosterFails_MarksFailedOnceAndListsItForLeadInNextCheckin()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-failed"), WeekGaps()[0]);
        Poster.Answer = n => n == 0 ? new PostResult.Failed("channel_not_found") : new PostResult.Posted(null);

        await TickUntilAsync(WeekEnd, TimeSpan.FromMinutes(30), NewRunner("host-1"));

        var nudge = await RowAsync(r.Id, "overdue:G-1:2026-12-01:nudge");
        Assert.Equal((OutboxRow.Failed, "channel_not_found"), (nudge.Status, nudge.Error));
        Assert.Equal(3, Poster.Calls.Count); // the failed nudge once, the escalation, the check-in
        var checkin = ((Reply.Card)Poster.Posted[^1].Reply).Doc;
        var section = Assert.Single(checkin.Sections, s => s.Heading == ScheduledTexts.NoticesTitle);
        Assert.Contains("overdue:G-1:2026-12-01:nudge", Assert.Single(section.Lines), StringComparison.Ordinal);
        Assert.Empty(await Outbox.NoticesAsync(r.Id, Ct));
    }

    [Fact]
    public async Task RunOnce_NoPosterForPlatform_LeavesRowPending()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-teams-only"), WeekGaps()[0]);
        var teams = new RecordingPoster(Time, "teams");

        await TickUntilAsync(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), NewRunner("host-1", teams));

        Assert.Empty(teams.Calls);
        Assert.Equal(OutboxRow.Pending, (await RowAsync(r.Id, "overdue:G-1:2026-12-01:nudge")).Status);
    }

    [Fact]
    public async Task RunOnce_PosterThrows_RetriedLaterAndPostedOnce()
    {
        var r = await SeedRetestOnlyAsync("C-throws");
        var throwing = new ThrowingOncePoster(Poster);

        await TickUntilAsync(RetestSlot.AddMinutes(3), TimeSpan.FromSeconds(30), NewRunner("host-1", throwing));

        Assert.Equal([RetestSlot.AddMinutes(1)], Poster.Calls.Select(c => c.At));
        Assert.Equal(OutboxRow.Sent, (await RowAsync(r.Id, "retest:G-2:2026-12-03:1")).Status);
    }

    private sealed class ThrowingOncePoster(IChannelPoster inner) : IChannelPoster
    {
        private int calls;

        public string Platform => inner.Platform;

        public Task<PostResult> PostAsync(Recovery recovery, Reply reply, CancellationToken ct) =>
            Interlocked.Increment(ref calls) == 1
                ? throw new HttpRequestException("connection reset")
                : inner.PostAsync(recovery, reply, ct);
    }
}
