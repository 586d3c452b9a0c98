using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Tests.Schedule;

/// <summary>
/// The scheduler's workflow over in-memory ports: claim → post → retry after the channel's wait → give up → the lead
/// is told; leases held by another host are respected; one recovery's failures never hold another's posts back.
/// Recoveries start Mon 30 Nov 2026, 09:00 Berlin, with G-1 due Tue 1 Dec: its nudge is due Wed 09:30.
/// </summary>
public sealed class SchedulerRunnerTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NudgeAt = new(2026, 12, 2, 8, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FridayCheckin = new(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);
    private const string NudgeKey = "overdue:G-1:2026-12-01:nudge";

    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryRecoveryStore store = new();
    private readonly InMemoryOutbox outbox = new();
    private readonly Mock<ISchedulerLog> log = new();
    private readonly InMemoryDueIndex index;
    private readonly ScriptedPoster poster;

    public SchedulerRunnerTests()
    {
        index = new InMemoryDueIndex(time);
        poster = new ScriptedPoster(time);
    }

    private SchedulerRunner Runner(string owner = "host-1", int maxAttempts = 20) =>
        new(index, outbox, store, [poster], new SchedulerOptions { InstanceId = owner, MaxAttempts = maxAttempts }, time,
            new FakeStoreFailures(), log.Object);

    /// <summary>Stores a recovery with G-1 in progress, and wakes the scheduler for it, as the start turn does.</summary>
    private async Task<Recovery> SeedAsync(string conversation)
    {
        var channel = new ChannelKey("slack", "T-ACME", conversation);
        var r = ScheduleData.Recovery(ScheduleData.Berlin, Start) with { Id = channel.RecoveryId, Channel = channel };
        var g1 = ScheduleData.InProgress(1, new DateOnly(2026, 12, 1), Start);
        Assert.IsType<CommitResult.Committed>(await store.CommitAsync(new Changeset(r.Id) { RecoveryRow = r, Gaps = [g1] }, Ct));
        index.Put(r.Id, Start);
        return (await store.GetRecoveryAsync(r.Id, Ct))!;
    }

    [Fact]
    public async Task RunOnce_ChannelKeepsThrottling_RetriesAfterItsWaitThenGivesUpAndTellsTheLead()
    {
        var r = await SeedAsync("C-throttled");
        poster.Answer = (_, _) => new PostResult.RetryLater(TimeSpan.FromSeconds(30), "ratelimited");
        var runner = Runner(maxAttempts: 3);
        time.SetUtcNow(NudgeAt);

        var first = await runner.RunOnceAsync(Ct);
        Assert.Equal(SendStatus.RetryLater, Assert.Single(first.Sent).Status);
        Assert.Equal(NudgeAt.AddSeconds(30), index.Of(r.Id)!.WakeAt); // woken again when the channel's wait is over
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Same(TickReport.Empty, await runner.RunOnceAsync(Ct));
        time.SetUtcNow(NudgeAt.AddSeconds(30));
        await runner.RunOnceAsync(Ct);
        time.SetUtcNow(NudgeAt.AddSeconds(60));
        var last = await runner.RunOnceAsync(Ct);

        Assert.Equal([NudgeAt, NudgeAt.AddSeconds(30), NudgeAt.AddSeconds(60)], poster.TimesFor(r.Id));
        var nudge = outbox.Item(r.Id, NudgeKey)!;
        Assert.Equal((OutboxStatus.Failed, 3, "gave up after 3 attempts: ratelimited"), (nudge.Status, nudge.Attempts, nudge.Error));
        Assert.Equal(SendStatus.Failed, Assert.Single(last.Sent).Status);
        var notice = ScheduledTexts.Undelivered(PostKind.OverdueNudge, NudgeKey, NudgeAt, r.Zone, nudge.Error!);
        Assert.Equal([notice], outbox.Notices(r.Id));
        log.Verify(l => l.Undelivered(r.Id, NudgeKey, "slack", nudge.Error), Times.Once);

        // The channel works again: Friday's check-in lists the undelivered nudge for the lead, once.
        poster.Answer = (_, _) => new PostResult.Posted("m2");
        time.SetUtcNow(FridayCheckin);
        await runner.RunOnceAsync(Ct);

        var checkin = poster.Calls.Select(c => c.Reply).OfType<Reply.Card>().Single(c => c.Doc.Sections.Any(s => s.Heading == ScheduledTexts.NoticesTitle));
        Assert.Contains(notice, checkin.Doc.Sections.Single(s => s.Heading == ScheduledTexts.NoticesTitle).Lines);
        Assert.Empty(outbox.Notices(r.Id));
    }

    [Fact]
    public async Task RunOnce_WakeLeasedByAnotherHost_NotPlannedUntilItsLeaseRunsOut()
    {
        var r = await SeedAsync("C-held");
        time.SetUtcNow(NudgeAt);
        index.Put(r.Id, NudgeAt, leaseOwner: "host-2", leaseUntil: NudgeAt.AddMinutes(2));

        await Runner().RunOnceAsync(Ct);

        Assert.Empty(poster.Calls);
        Assert.Empty(outbox.Items(r.Id));
        Assert.Equal(r.Id, Assert.Single(index.Left).Recovery); // read again on the next tick

        time.SetUtcNow(NudgeAt.AddMinutes(2));
        await Runner().RunOnceAsync(Ct);
        Assert.Equal([NudgeAt.AddMinutes(2)], poster.TimesFor(r.Id));
    }

    [Fact]
    public async Task RunOnce_PostLeasedByAnotherHost_NotPostedUntilItsLeaseRunsOut_ThenOnce()
    {
        var r = await SeedAsync("C-lease");
        time.SetUtcNow(NudgeAt);
        // Another host enqueued the nudge and holds it while it posts (then dies): its lease lasts two minutes.
        var due = SchedulePlanner.Plan(new ScheduleInput(r, await store.ListGapsAsync(r.Id, Ct), []), Start, NudgeAt).Due;
        var nudge = Assert.Single(due);
        outbox.Put(OutboxItem.For(r, nudge, outbox.Encode(nudge.Reply), NudgeAt) with { LeaseOwner = "host-2", LeaseUntil = NudgeAt.AddMinutes(2) });
        var runner = Runner();

        await runner.RunOnceAsync(Ct);
        Assert.Empty(poster.Calls);
        Assert.Equal(NudgeAt.AddMinutes(2), index.Of(r.Id)!.WakeAt); // woken when the lease runs out
        for (var at = NudgeAt.AddSeconds(30); at <= NudgeAt.AddMinutes(5); at = at.AddSeconds(30))
        {
            time.SetUtcNow(at);
            await runner.RunOnceAsync(Ct);
        }

        Assert.Equal([NudgeAt.AddMinutes(2)], poster.TimesFor(r.Id));
        Assert.Equal(OutboxStatus.Sent, outbox.Item(r.Id, NudgeKey)!.Status);
    }

    [Fact]
    public async Task RunOnce_TwoHostsAtOnce_PostEachOccurrenceOnce()
    {
        var a = await SeedAsync("C-a");
        var b = await SeedAsync("C-b");
        time.SetUtcNow(NudgeAt);

        await Task.WhenAll(Task.Run(() => Runner("host-1").RunOnceAsync(Ct)), Task.Run(() => Runner("host-2").RunOnceAsync(Ct)));
        await Task.WhenAll(Task.Run(() => Runner("host-1").RunOnceAsync(Ct)), Task.Run(() => Runner("host-2").RunOnceAsync(Ct)));

        Assert.Equal([NudgeAt], poster.TimesFor(a.Id));
        Assert.Equal([NudgeAt], poster.TimesFor(b.Id));
    }

    [Fact]
    public async Task RunOnce_OneRecoverysPosterThrows_TheOtherPostsAndTheFailedOneIsTriedAgainLater()
    {
        var bad = await SeedAsync("C-bad");
        var good = await SeedAsync("C-good");
        poster.Answer = (id, _) => id == bad.Id ? throw new InvalidOperationException("a bug in the channel") : new PostResult.Posted("m1");
        time.SetUtcNow(NudgeAt);

        await Runner().RunOnceAsync(Ct);

        Assert.Equal(OutboxStatus.Sent, outbox.Item(good.Id, NudgeKey)!.Status);
        var failed = outbox.Item(bad.Id, NudgeKey)!;
        Assert.Equal((OutboxStatus.Pending, 1, NudgeAt + new SchedulerOptions().ErrorRetryDelay), (failed.Status, failed.Attempts, failed.NotBefore));
        Assert.Equal(failed.NotBefore, index.Of(bad.Id)!.WakeAt);
        log.Verify(l => l.PosterThrew(bad.Id, NudgeKey, It.IsAny<InvalidOperationException>()), Times.Once);
    }

    [Fact]
    public async Task RunOnce_RecoveryWhoseOutboxCannotBeRead_IsParkedLongerEachTime_AndTheOtherPosts()
    {
        var bad = await SeedAsync("C-unreadable");
        var good = await SeedAsync("C-readable");
        outbox.ReadFailure = id => id == bad.Id ? new InvalidDataException("a row of this outbox cannot be read") : null;
        time.SetUtcNow(NudgeAt);
        var runner = Runner();

        await runner.RunOnceAsync(Ct);
        Assert.Equal(OutboxStatus.Sent, outbox.Item(good.Id, NudgeKey)!.Status);
        Assert.Equal((1, NudgeAt.AddMinutes(2)), (index.Of(bad.Id)!.Failures, index.Of(bad.Id)!.WakeAt));

        time.SetUtcNow(NudgeAt.AddMinutes(2));
        await runner.RunOnceAsync(Ct);
        Assert.Equal((2, NudgeAt.AddMinutes(2 + 4)), (index.Of(bad.Id)!.Failures, index.Of(bad.Id)!.WakeAt));
        log.Verify(l => l.Deferred(bad.Id, 2, It.IsAny<InvalidDataException>(), It.IsAny<string>(), NudgeAt.AddMinutes(6)), Times.Once);
    }

    [Fact]
    public async Task RunOnce_StoreAway_NotParked_TakenOverWhenTheLeaseRunsOut()
    {
        var r = await SeedAsync("C-away");
        var away = true;
        outbox.ReadFailure = _ => away ? new StoreUnavailableException("storage is unavailable") : null;
        time.SetUtcNow(NudgeAt);

        await Runner("host-1").RunOnceAsync(Ct);
        away = false;
        await Runner("host-2").RunOnceAsync(Ct);

        Assert.Empty(poster.Calls); // host-1's lease still holds
        Assert.Equal((null, "host-1"), (index.Of(r.Id)!.Failures, index.Of(r.Id)!.LeaseOwner));
        log.Verify(l => l.PlanningFailed(r.Id, It.IsAny<StoreUnavailableException>()), Times.Once);
        time.SetUtcNow(NudgeAt.AddMinutes(2));
        await Runner("host-2").RunOnceAsync(Ct);
        Assert.Equal([NudgeAt.AddMinutes(2)], poster.TimesFor(r.Id));
    }
}
