using Azure.Data.Tables;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Storage.Scheduling;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests.Scheduling;

public sealed class RestartTests(AzuriteFixture azurite) : SchedulerTestBase(azurite)
{
    [Fact]
    public async Task RunOnce_NewInstanceAfterRestart_PostsNothingTwice()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-restart"), WeekGaps());
        var thursdayNoon = new DateTimeOffset(2026, 12, 3, 11, 0, 0, TimeSpan.Zero);
        await TickUntilAsync(thursdayNoon, TimeSpan.FromMinutes(30), NewRunner("host-1"));
        Assert.Equal(2, Poster.Posted.Count);

        // The host restarts: new objects, same tables, and it ticks again at the very same instant.
        var restarted = NewRunner("host-1-restarted");
        await TickUntilAsync(WeekEnd, TimeSpan.FromMinutes(30), restarted);

        Assert.Equal(WeekKeys, await PostedKeysAsync(r.Id));
        Assert.Equal(WeekKeys.Length, Poster.Calls.Count);
    }

    [Fact]
    public async Task RunOnce_HostDiedHoldingTheDueEntry_AnotherTakesOverAfterLeaseAndPostsOnce()
    {
        await SeedAsync(Recovery("Europe/Berlin", "C-dead"), WeekGaps());
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 8, 30, 0, TimeSpan.Zero)); // Wed 09:30 Berlin: the nudge is due
        var entry = Assert.Single(await Index.DueAsync("0000000000", Time.GetUtcNow(), 10, Ct));
        Assert.NotNull(await Index.TryClaimAsync(entry.ToWake(), "dead-host", Time.GetUtcNow().AddMinutes(2), Ct));
        var survivor = NewRunner("host-2");

        await survivor.RunOnceAsync(Ct);
        Assert.Empty(Poster.Calls);
        await TickUntilAsync(Time.GetUtcNow().AddMinutes(5), TimeSpan.FromSeconds(30), survivor);

        var post = Assert.Single(Poster.Calls);
        Assert.True(post.At >= new DateTimeOffset(2026, 12, 2, 8, 32, 0, TimeSpan.Zero));
        Assert.DoesNotContain("(late:", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_OutboxRowLeasedByDeadHost_PostedOnceWhenLeaseRunsOut()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-lease"), WeekGaps());
        var now = new DateTimeOffset(2026, 12, 2, 8, 30, 0, TimeSpan.Zero);
        Time.SetUtcNow(now);
        var plan = SchedulePlanner.Plan(new ScheduleInput(r, WeekGaps(), []), Start, now);
        var nudge = Assert.Single(plan.Due);
        Assert.True((await Outbox.EnqueueAsync(r, nudge, now, Ct)).Added);
        var row = (await RowAsync(r.Id, nudge.Key)).ToItem();
        Assert.NotNull(await Outbox.TryUpdateAsync(row with { LeaseOwner = "dead-host", LeaseUntil = now.AddMinutes(2) }, Ct));
        var survivor = NewRunner("host-2");

        await TickUntilAsync(now.AddMinutes(10), TimeSpan.FromSeconds(30), survivor);

        var post = Assert.Single(Poster.Calls);
        Assert.Equal(now.AddMinutes(2), post.At);
        Assert.Equal(OutboxRow.Sent, (await RowAsync(r.Id, nudge.Key)).Status);
    }

    [Fact]
    public async Task RunOnce_AfterPlanning_IndexHoldsOneEntryAtTheNextWake()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-index"), WeekGaps());

        await NewRunner("host-1").RunOnceAsync(Ct);

        var entries = Storage.Schedule.QueryAsync<TableEntity>(e => e.RowKey == r.Id.Value);
        var buckets = new List<string>();
        await foreach (var e in entries) if (e.PartitionKey != r.Id.Value) buckets.Add(e.PartitionKey);
        Assert.Equal(["2026120208"], buckets); // Wed 09:30 Berlin = 08:30 UTC: the nudge
    }
}
