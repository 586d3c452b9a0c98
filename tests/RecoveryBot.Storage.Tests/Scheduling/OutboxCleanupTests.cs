using Azure.Data.Tables;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Storage.Scheduling;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests.Scheduling;

/// <summary>Finished outbox rows go after the retention (14 days by default), and what they guarded still happens once.</summary>
public sealed class OutboxCleanupTests(AzuriteFixture azurite) : SchedulerTestBase(azurite)
{
    private static readonly string[] SecondReminder = ["retest:G-2:2026-12-03:2", "retest:G-2:2026-12-03:lead"];

    [Fact]
    public async Task RunOnce_RowsOlderThanRetention_DeletedAndRecentOnesKept()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-sweep"), WeekGaps());
        await TickUntilAsync(new DateTimeOffset(2026, 12, 11, 16, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), NewRunner("host-1"));
        Assert.Equal([.. WeekKeys.Concat(SecondReminder).Append("checkin:2026-12-11").Order(StringComparer.Ordinal)], await KeysAsync(r.Id));

        // Tuesday 22 Dec, noon: everything due before Tuesday 8 Dec, noon, is older than 14 days.
        await TickUntilAsync(new DateTimeOffset(2026, 12, 22, 11, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), NewRunner("host-2"));

        Assert.Equal(["checkin:2026-12-11", "checkin:2026-12-18"], await KeysAsync(r.Id));
        Assert.Equal(WeekKeys.Length + SecondReminder.Length + 2, Poster.Calls.Count);
    }

    [Fact]
    public async Task RunOnce_AfterCleanupWithPlanStateLost_DeletedOccurrencesNotPostedAgain()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-again"), WeekGaps());
        await TickUntilAsync(WeekEnd, TimeSpan.FromHours(1), NewRunner("host-1"));
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 22, 11, 0, 0, TimeSpan.Zero));
        await NewRunner("host-1").RunOnceAsync(Ct);
        var posted = Poster.Calls.Count;
        Assert.DoesNotContain(WeekKeys[0], await KeysAsync(r.Id));

        // The worst case: the planned-through mark is gone, and a turn wakes the recovery. Planning falls back to the
        // catch-up window (7 days), which the deleted occurrences are well before.
        await Storage.Outbox.DeleteEntityAsync(r.Id.Value, PlanRow.KeyOf(r.Id), cancellationToken: Ct);
        await Storage.Schedule.DeleteEntityAsync(r.Id.Value, r.Id.Value, cancellationToken: Ct);
        await Index.WakeAsync(r.Id, Ct);
        await TickUntilAsync(new DateTimeOffset(2026, 12, 24, 11, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), NewRunner("host-2"));

        Assert.Equal(posted, Poster.Calls.Count);
        Assert.Equal(["checkin:2026-12-18"], await KeysAsync(r.Id));
    }

    [Fact]
    public async Task RunOnce_ClosedRecovery_WakesOnceMoreToDeleteItsLastRows()
    {
        var closed = Recovery("Europe/Berlin", "C-closed") with { Phase = RecoveryPhase.Closed, ClosedAt = Start.AddHours(1) };
        var r = await SeedAsync(closed);
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero));
        await NewRunner("host-1").RunOnceAsync(Ct);
        Assert.Equal(["followup:2026-11-30"], await KeysAsync(r.Id));
        // The follow-up was due Mon 14 Dec 09:00 UTC; nothing else will ever wake this recovery but the sweep.
        Assert.Equal(["2026122809"], await BucketsAsync(r.Id));

        Time.SetUtcNow(new DateTimeOffset(2026, 12, 28, 9, 30, 0, TimeSpan.Zero));
        await NewRunner("host-2").RunOnceAsync(Ct);

        Assert.Empty(await KeysAsync(r.Id));
        Assert.Empty(await BucketsAsync(r.Id));
        Assert.Single(Poster.Calls);
    }

    [Fact]
    public async Task RunOnce_FailedRowOlderThanRetention_DeletedButTheLeadsNoticeKept()
    {
        // A one-day catch-up allows an 8-day retention, and no check-in (which takes the notices along) is due again.
        void Short(SchedulerOptions o) => (o.CatchUpLimit, o.OutboxRetention) = (TimeSpan.FromDays(1), TimeSpan.FromDays(8));
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-failed"), WeekGaps());
        Poster.Answer = _ => new PostResult.Failed("channel archived");
        await TickUntilAsync(new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), NewRunner("host-1", configure: Short));
        Assert.Equal(OutboxRow.Failed, (await RowAsync(r.Id, WeekKeys[0])).Status);
        var notice = Assert.Single(await Outbox.NoticesAsync(r.Id, Ct));

        Time.SetUtcNow(new DateTimeOffset(2026, 12, 21, 6, 0, 0, TimeSpan.Zero)); // Monday, before the morning posts
        await NewRunner("host-2", configure: Short).RunOnceAsync(Ct);

        Assert.Empty(await KeysAsync(r.Id));
        Assert.Equal(notice.RowKey, Assert.Single(await Outbox.NoticesAsync(r.Id, Ct)).RowKey);
    }

    /// <summary>Every outbox row of the recovery (notices and the plan row aside), in key order.</summary>
    private async Task<List<string>> KeysAsync(RecoveryId id)
    {
        var keys = new List<string>();
        await foreach (var e in Storage.Outbox.QueryAsync<TableEntity>(e => e.PartitionKey == id.Value, cancellationToken: Ct))
        {
            if (!e.RowKey.StartsWith('~')) keys.Add(e.RowKey);
        }
        return [.. keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The due-index buckets holding a wake-up for the recovery.</summary>
    private async Task<List<string>> BucketsAsync(RecoveryId id)
    {
        var buckets = new List<string>();
        await foreach (var e in Storage.Schedule.QueryAsync<TableEntity>(e => e.RowKey == id.Value, cancellationToken: Ct))
        {
            if (e.PartitionKey != id.Value) buckets.Add(e.PartitionKey);
        }
        return buckets;
    }
}
