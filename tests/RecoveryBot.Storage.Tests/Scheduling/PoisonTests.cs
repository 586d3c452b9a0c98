using Azure.Data.Tables;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using RecoveryBot.Storage.Scheduling;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests.Scheduling;

/// <summary>One post or one recovery that keeps failing never holds back the others, and is not retried every tick.</summary>
public sealed class PoisonTests(AzuriteFixture azurite) : SchedulerTestBase(azurite)
{
    private static readonly DateTimeOffset RetestSlot = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero); // Thu 10:00 Berlin
    private const string RetestKey = "retest:G-2:2026-12-03:1";

    private async Task<Recovery> SeedRetestOnlyAsync(string conversation)
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", conversation), WeekGaps()[1]);
        await NewRunner("host-0").RunOnceAsync(Ct); // plans at the start; the next wake is the retest slot
        return r;
    }

    /// <summary>A row ahead of the retest reminder in the recovery's outbox, as an older host or a bug could leave it.</summary>
    private async Task AddRowAheadAsync(Recovery r, string key, string payload) =>
        await Storage.Outbox.AddEntityAsync(new OutboxRow
        {
            PartitionKey = r.Id.Value, RowKey = key, Kind = nameof(PostKind.OverdueNudge), DueAt = RetestSlot.AddMinutes(-1),
            Payload = payload, Platform = "slack", EnqueuedAt = RetestSlot.AddMinutes(-1),
        }, Ct);

    [Fact]
    public async Task RunOnce_RowWhosePayloadCannotBeRead_FailsAtOnceAndThePostAfterItGoesOut()
    {
        var r = await SeedRetestOnlyAsync("C-poison");
        await AddRowAheadAsync(r, "poison:1", "{\"type\":\"mystery\"");
        Time.SetUtcNow(RetestSlot);

        await NewRunner("host-1").RunOnceAsync(Ct);

        var poison = await RowAsync(r.Id, "poison:1");
        Assert.Equal((OutboxRow.Failed, "its stored content could not be read"), (poison.Status, poison.Error));
        Assert.Equal(OutboxRow.Sent, (await RowAsync(r.Id, RetestKey)).Status);
        Assert.Single(Poster.Calls);
        Assert.Single(await Outbox.NoticesAsync(r.Id, Ct));
    }

    [Fact]
    public async Task RunOnce_PosterThrowsOnOnePost_ThePostAfterItStillGoesOut()
    {
        var r = await SeedRetestOnlyAsync("C-throws");
        await AddRowAheadAsync(r, "bug:1", OutboxJson.Write(new Reply.Text("This one trips a bug", Audience.Channel)));
        var asked = 0; // a call that throws is not recorded, so count them here
        Poster.Answer = _ => asked++ == 0 ? throw new InvalidOperationException("bug") : new PostResult.Posted("m2");
        Time.SetUtcNow(RetestSlot);

        await NewRunner("host-1").RunOnceAsync(Ct);

        Assert.Equal(OutboxRow.Sent, (await RowAsync(r.Id, RetestKey)).Status);
        var bug = await RowAsync(r.Id, "bug:1");
        Assert.Equal((OutboxRow.Pending, 1), (bug.Status, bug.Attempts));
        Assert.Equal(RetestSlot + new SchedulerOptions().ErrorRetryDelay, bug.NotBefore);
    }

    [Fact]
    public async Task RunOnce_RecoveryThatCannotBeRead_IsParkedLongerEachTime_AndOthersPost()
    {
        var good = await SeedRetestOnlyAsync("C-good");
        var bad = await SeedRetestOnlyAsync("C-bad");
        await Storage.Recoveries.UpsertEntityAsync(new TableEntity(bad.Id.Value, RowKeys.Recovery) { ["Phase"] = "Bogus" }, TableUpdateMode.Merge, Ct);
        Time.SetUtcNow(RetestSlot);
        var runner = NewRunner("host-1");

        await runner.RunOnceAsync(Ct);

        Assert.Equal(OutboxRow.Sent, (await RowAsync(good.Id, RetestKey)).Status);
        var first = await EntryAsync(bad.Id);
        Assert.Equal((1, RetestSlot.AddMinutes(2)), (first.Failures, first.WakeAt));

        Time.SetUtcNow(RetestSlot.AddMinutes(2));
        await runner.RunOnceAsync(Ct);
        var second = await EntryAsync(bad.Id);
        Assert.Equal((2, RetestSlot.AddMinutes(2 + 4)), (second.Failures, second.WakeAt));

        // Ticks before the next try leave it alone: no attempt (and no log line) every tick.
        Time.SetUtcNow(RetestSlot.AddMinutes(5));
        await runner.RunOnceAsync(Ct);
        Assert.Equal(2, (await EntryAsync(bad.Id)).Failures);
    }

    [Fact]
    public async Task Enqueue_PostTooLargeToStore_RecordedAsFailedWithoutPayload_AndOnlyOnce()
    {
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-huge"));
        var huge = new Occurrence("checkin:2026-12-04", PostKind.Checkin, RetestSlot, false,
            new Reply.Text(SizeLimitTests.Cjk(TableLimits.MaxStringChars), Audience.Channel));

        var (added, refused) = await Outbox.EnqueueAsync(r, huge, RetestSlot, Ct);
        var again = await Outbox.EnqueueAsync(r, huge, RetestSlot, Ct);

        Assert.True(added);
        Assert.StartsWith("too large to store: Payload holds", refused, StringComparison.Ordinal);
        var row = await RowAsync(r.Id, huge.Key);
        Assert.Equal((OutboxRow.Failed, ""), (row.Status, row.Payload));
        Assert.Equal((false, (string?)null), again);
    }

    private async Task<DueEntry> EntryAsync(RecoveryId id)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {id.Value} and WakeAt ge {Start}");
        var entries = new List<DueEntry>();
        await foreach (var e in Storage.Schedule.QueryAsync<DueEntry>(filter, cancellationToken: Ct)) entries.Add(e);
        return Assert.Single(entries);
    }
}
