using Microsoft.Extensions.Logging.Abstractions;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Scheduling;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests.Scheduling;

public sealed class DueIndexTests(AzuriteFixture azurite) : SchedulerTestBase(azurite)
{
    private static readonly RecoveryId Id = new ChannelKey("slack", "T-ACME", "C-index").RecoveryId;

    [Fact]
    public async Task WakeAsync_AfterTurn_EntryDueNowInCurrentHourBucket()
    {
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 10, 17, 0, TimeSpan.Zero));

        await Index.WakeAsync(Id, Ct);

        var entry = Assert.Single(await Index.DueAsync("0000000000", Time.GetUtcNow(), 10, Ct));
        Assert.Equal(("2026120210", Id.Value, Time.GetUtcNow()), (entry.PartitionKey, entry.RowKey, entry.WakeAt));
    }

    [Fact]
    public async Task WakeAsync_StorageUnreachable_ReturnsWithoutFailingTheTurn()
    {
        var down = CreateStorage(AzuriteEnvironment.ConnectionStringFor("http://127.0.0.1:9/devstoreaccount1"), "down", o =>
        {
            o.MaxRetries = 0;
            o.NetworkTimeout = TimeSpan.FromSeconds(2);
        });

        await new TableScheduleIndex(down, Time, NullLogger<TableScheduleIndex>.Instance).WakeAsync(Id, Ct);
    }

    [Fact]
    public async Task CompleteAsync_WokenWhilePlanning_EntryStaysForNextTick()
    {
        await Index.WakeAsync(Id, Ct);
        var entry = Assert.Single(await Index.DueAsync("0000000000", Time.GetUtcNow(), 10, Ct));
        var claimed = await Index.TryClaimAsync(entry.ToWake(), "host-1", Time.GetUtcNow().AddMinutes(2), Ct);
        Time.Advance(TimeSpan.FromSeconds(5));

        await Index.WakeAsync(Id, Ct); // a turn commits while host-1 plans from older state
        await Index.CompleteAsync(claimed!, Time.GetUtcNow().AddDays(2), Ct);

        var due = await Index.DueAsync("0000000000", Time.GetUtcNow(), 10, Ct);
        Assert.Equal(Time.GetUtcNow(), Assert.Single(due).WakeAt);
        Assert.Null(Assert.Single(due).LeaseOwner);
    }

    [Fact]
    public async Task ScheduleAsync_LaterThanExistingWake_KeepsTheEarlierOne()
    {
        var early = Time.GetUtcNow().AddMinutes(10);

        await Index.ScheduleAsync(Id, early, Ct);
        await Index.ScheduleAsync(Id, early.AddMinutes(20), Ct);
        await Index.ScheduleAsync(Id, early.AddMinutes(-5), Ct);

        var entry = Assert.Single(await Index.DueAsync("0000000000", early.AddHours(1), 10, Ct));
        Assert.Equal(early.AddMinutes(-5), entry.WakeAt);
    }
}
