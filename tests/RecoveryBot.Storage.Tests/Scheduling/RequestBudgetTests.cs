using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Storage.Scheduling;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests.Scheduling;

/// <summary>
/// What a tick costs in storage requests, and the batched enqueue that keeps it low: a due recovery's rows and plan row
/// go in one transaction, and a row already in the outbox drops out of it without holding the others back.
/// </summary>
public sealed class RequestBudgetTests(AzuriteFixture azurite) : SchedulerTestBase(azurite)
{
    private static readonly DateTimeOffset FridayNoon = new(2026, 12, 4, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunOnce_ThreeRecoveriesWithThreePostsEach_AtMostThreeStorageRequestsPerPost()
    {
        var ids = new List<Core.Model.RecoveryId>();
        foreach (var c in new[] { "C-budget-1", "C-budget-2", "C-budget-3" }) ids.Add((await SeedAsync(Recovery("Europe/Berlin", c), WeekGaps())).Id);
        await NewRunner("host-1").RunOnceAsync(Ct); // plans at the start: nothing due yet
        var counter = new Counter();
        var counted = CountingStorage(counter);

        // Back after an outage on Friday noon: each recovery owes a nudge, a retest reminder and an escalation.
        Time.SetUtcNow(FridayNoon);
        var report = await NewRunner("host-2", storage: counted).RunOnceAsync(Ct);

        Assert.Equal(9, report.Sent.Count(s => s.Status == SendStatus.Posted));
        Assert.InRange(counter.Count, 1, 3 * 9);
        foreach (var id in ids) Assert.Equal(3, (await PostedKeysAsync(id)).Count);
    }

    [Fact]
    public async Task RunOnce_PlanRowLostWithRowsInTheOutbox_AddsOnlyTheNewOnesAndPostsEachOnce()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-replan"), WeekGaps());
        await TickUntilAsync(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), NewRunner("host-1"));
        var before = Poster.Calls.Count;
        Assert.True(before > 0);

        // The plan row is gone: planning starts from the catch-up window again, and meets the rows it made before.
        await Storage.Outbox.DeleteEntityAsync(r.Id.Value, PlanRow.KeyOf(r.Id), cancellationToken: Ct);
        await Index.WakeAsync(r.Id, Ct);
        await TickUntilAsync(WeekEnd, TimeSpan.FromMinutes(30), NewRunner("host-2"));

        Assert.Equal(WeekKeys, await PostedKeysAsync(r.Id));
        Assert.Equal(WeekKeys.Length, Poster.Calls.Count);
    }

    private TableStorage CountingStorage(Counter counter)
    {
        var options = new StorageOptions { ConnectionString = Azurite.ConnectionString, TablePrefix = Storage.Names.Prefix };
        var client = new TableClientOptions();
        client.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return new TableStorage(new TableServiceClient(options.ConnectionString, client), Options.Create(options));
    }

    private sealed class Counter : HttpPipelineSynchronousPolicy
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
    }
}
