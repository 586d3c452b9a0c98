using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Storage.Tests.Azurite;
using RecoveryBot.Testing;

namespace RecoveryBot.Storage.Tests.Posts;

/// <summary>
/// A turn's posts to others are stored in its own transaction and found again by another host after this one goes
/// silent (on Azurite): a report's ride on its gap row, other turns' on a row of their own.
/// </summary>
public sealed class TurnOutboxTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly UserRef Lead = new("U-LEAD", "Lena Lead");
    private static readonly UserRef Dev = new("U-DEV", "Dario Dev");
    private static readonly UserRef Ana = new("U-ANA", "Ana Owner");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly ChannelKey channel = new("slack", "T-ACME", "C-PAY");

    private TableTurnOutbox Outbox(TimeSpan? lease = null) =>
        new(Storage, time, Options.Create(new OutboxOptions { HostLease = lease ?? TimeSpan.FromSeconds(30) }), NullLogger<TableTurnOutbox>.Instance);

    private RecoveryService Service(ITurnOutbox outbox) => new(Store, time, new FixedLinks(), outbox: outbox);

    private Turn As(UserRef who, string host = "host-a") => new(channel, who) { PostsBy = host };

    private async Task<RecoveryService> StartedAsync(ITurnOutbox outbox)
    {
        var service = Service(outbox);
        await service.HandleAsync(As(Lead), new StartCommand("Payroll", null), Ct);
        return service;
    }

    [Fact]
    public async Task Report_PostsRideOnItsGapRow_StillOneRowWritten()
    {
        var outbox = Outbox();
        var service = await StartedAsync(outbox);
        var before = await RowKeysAsync(channel.RecoveryId);

        var report = await service.HandleAsync(As(Dev), new ReportCommand(GapKind.Defect, "Payslips show last month"), Ct);

        var pending = Assert.IsType<PendingPosts>(report.Pending);
        Assert.Equal("g|0000000001", pending.Carrier);
        Assert.Equal("host-a", pending.Host);
        Assert.Contains(pending.Replies, r => r is Reply.Text { To: Audience.Channel } t && t.Message.StartsWith("G-1 logged by Dario Dev", StringComparison.Ordinal));
        Assert.DoesNotContain(pending.Replies, r => r is Reply.Text { To: Audience.Actor });
        // The report wrote its gap row and nothing else: no post row of its own.
        Assert.Equal(["g|0000000001"], (await RowKeysAsync(pending.Recovery)).Except(before));
        var stored = Assert.Single(await outbox.PendingAsync(pending.Recovery, "host-a", Ct), p => p.Carrier == pending.Carrier);
        // The row keeps only a note that the item's announcement is owed; it is derived again from the item when adopted.
        Assert.Equal((new GapId(1), 0), (stored.Announces, stored.Replies.Count));
        Assert.Equal(new GapId(1), pending.Announces);
        var entity = (await Storage.Recoveries.GetEntityAsync<TableEntity>(pending.Recovery.Value, pending.Carrier)).Value;
        Assert.Equal("announcement", entity.GetString("Posts"));
    }

    [Fact]
    public async Task PostsAllMarkedSent_AreNoLongerPending_GapStaysAsItWas()
    {
        var outbox = Outbox();
        var service = await StartedAsync(outbox);
        var pending = (await service.HandleAsync(As(Dev), new ReportCommand(GapKind.Defect, "Payslips show last month"), Ct)).Pending!;

        await outbox.MarkSentAsync(pending, pending.Replies.Count, Ct);

        Assert.DoesNotContain(await outbox.PendingAsync(pending.Recovery, "host-a", Ct), p => p.Carrier == pending.Carrier);
        var gap = await Store.GetGapAsync(pending.Recovery, new GapId(1), Ct);
        Assert.Equal(("Payslips show last month", 0), (gap!.Title, gap.Revision));
    }

    [Fact]
    public async Task ActingOnAGapWhosePostWasJustMarked_IsNotAConflict()
    {
        var outbox = Outbox();
        var service = await StartedAsync(outbox);
        var pending = (await service.HandleAsync(As(Dev), new ReportCommand(GapKind.Defect, "Payslips show last month"), Ct)).Pending!;
        var read = await Store.GetGapAsync(pending.Recovery, new GapId(1), Ct);

        // The mark changes the row's version, not what it says; a turn that read the row before still lands.
        await outbox.MarkSentAsync(pending, pending.Replies.Count, Ct);
        Assert.NotEqual(read!.Version, (await Store.GetGapAsync(pending.Recovery, new GapId(1), Ct))!.Version);
        var assign = await service.HandleAsync(As(Lead), new AssignCommand(new GapId(1), Ana, new DateSpec.Exact(new DateOnly(2026, 12, 14))), Ct);

        Assert.IsType<Outcome.Done>(assign.Outcome);
        Assert.Equal(Ana.Id, (await Store.GetGapAsync(pending.Recovery, new GapId(1), Ct))!.Owner?.Id);
    }

    [Fact]
    public async Task OtherTurn_PostsGetARowOfTheirOwn_PartlySentThenDeleted()
    {
        var outbox = Outbox();
        var service = await StartedAsync(outbox);
        await service.HandleAsync(As(Dev), new ReportCommand(GapKind.Defect, "Payslips show last month"), Ct);

        var assign = await service.HandleAsync(As(Lead), new AssignCommand(new GapId(1), Ana, new DateSpec.Exact(new DateOnly(2026, 12, 14))), Ct);

        var pending = Assert.IsType<PendingPosts>(assign.Pending);
        Assert.StartsWith("~p|", pending.Carrier, StringComparison.Ordinal);
        Assert.All(pending.Replies, r => Assert.True(TurnPosts.IsOutgoing(r)));
        if (pending.Replies.Count > 1)
        {
            await outbox.MarkSentAsync(pending, 1, Ct);
            Assert.Equal(1, Assert.Single(await outbox.PendingAsync(pending.Recovery, "host-a", Ct), p => p.Carrier == pending.Carrier).Sent);
        }
        await outbox.MarkSentAsync(pending, pending.Replies.Count, Ct);
        Assert.DoesNotContain(await RowKeysAsync(pending.Recovery), k => k == pending.Carrier);
    }

    [Fact]
    public async Task TurnWithoutAHostForPosts_StoresNone()
    {
        var outbox = Outbox();
        var service = Service(outbox);
        await service.HandleAsync(new Turn(channel, Lead), new StartCommand("Payroll", null), Ct);

        var report = await service.HandleAsync(new Turn(channel, Dev), new ReportCommand(GapKind.Defect, "Payslips show last month"), Ct);

        Assert.Null(report.Pending);
        Assert.Empty(await outbox.LanesAsync("host-a", Ct));
    }

    [Fact]
    public async Task PostsTooLargeToStore_ChangeStillLands_PostsNotKept()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        var huge = new Reply.Text(new string('語', 40_000), Audience.Channel);

        var result = await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(1)], Posts = new TurnPosts("host-a", [huge]) }, Ct);

        var done = Assert.IsType<CommitResult.Committed>(result);
        Assert.Null(done.PostsAt);
        Assert.NotNull(await Store.GetGapAsync(recovery.Id, new GapId(1), Ct));
    }

    [Fact]
    public async Task SilentHost_AdoptedByOneHostOnly_PostsMovedThenHostForgotten()
    {
        var outbox = Outbox(TimeSpan.FromSeconds(10));
        var service = await StartedAsync(outbox);
        var pending = (await service.HandleAsync(As(Dev), new ReportCommand(GapKind.Defect, "Payslips show last month"), Ct)).Pending!;
        // host-a beat once (its first lane); host-b keeps beating; host-a then says nothing for longer than its lease.
        time.Advance(TimeSpan.FromSeconds(11));
        await outbox.BeatAsync("host-b", time.GetUtcNow() + TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(["host-a"], await outbox.SilentHostsAsync(time.GetUtcNow(), Ct));
        var adopted = new List<PendingPosts>();
        var handover = new PostHandover(outbox, time, Store);
        Assert.Equal(2, await handover.RoundAsync("host-b", TimeSpan.FromSeconds(10), (p, _) => { adopted.Add(p); return Task.CompletedTask; }, Ct));
        Assert.Equal(0, await new PostHandover(Outbox(), time, Store).RoundAsync("host-c", TimeSpan.FromSeconds(10), (_, _) => Task.CompletedTask, Ct));

        // The start's post and the report's, oldest first.
        Assert.Equal(2, adopted.Count);
        var moved = adopted[1];
        Assert.Equal(("host-b", pending.Carrier), (moved.Host, moved.Carrier));
        Assert.Equal(RecoveryBot.Storage.Scheduling.OutboxJson.WriteAll(pending.Replies), RecoveryBot.Storage.Scheduling.OutboxJson.WriteAll(moved.Replies));
        Assert.StartsWith("~p|", adopted[0].Carrier, StringComparison.Ordinal);
        Assert.Empty(await outbox.PendingAsync(pending.Recovery, "host-a", Ct));
        Assert.Equal(2, (await outbox.PendingAsync(pending.Recovery, "host-b", Ct)).Count);
        Assert.Equal([pending.Recovery], await outbox.LanesAsync("host-b", Ct));
        Assert.Empty(await outbox.LanesAsync("host-a", Ct));
        Assert.DoesNotContain("host-a", await outbox.SilentHostsAsync(time.GetUtcNow() + TimeSpan.FromHours(1), Ct));
    }

    [Fact]
    public async Task HostStoppedCleanly_IsAdoptedWithoutWaitingForItsLease()
    {
        var outbox = Outbox(TimeSpan.FromMinutes(5));
        var service = await StartedAsync(outbox);
        await service.HandleAsync(As(Dev), new ReportCommand(GapKind.Defect, "Payslips show last month"), Ct);

        await new PostHandover(outbox, time).EndAsync("host-a", Ct);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(["host-a"], await outbox.SilentHostsAsync(time.GetUtcNow(), Ct));
    }

    [Fact]
    public async Task RedeliveredReport_AlreadyLoggedByItsFirstRun_IsAnsweredNotLoggedTwice()
    {
        var service = await StartedAsync(Outbox());
        var first = await service.HandleAsync(As(Dev) with { Origin = "Ev0ONCE1" }, new ReportCommand(GapKind.Defect, "Payslips show last month"), Ct);
        Assert.NotNull(first.Pending);

        // The first run's host stopped before it could say the event was done; Slack's retry reaches another host.
        var again = await service.HandleAsync(As(Dev, "host-b") with { Origin = "Ev0ONCE1", Redelivered = true }, new ReportCommand(GapKind.Defect, "Payslips show last month"), Ct);
        // The same words from another event are a new report.
        time.Advance(TimeSpan.FromSeconds(1));
        var other = await service.HandleAsync(As(Dev) with { Origin = "Ev0ONCE2", Redelivered = true }, new ReportCommand(GapKind.Defect, "Payslips show last month"), Ct);

        Assert.Equal("G-1 was logged from this message already: Payslips show last month.", Assert.Single(again.Lines));
        Assert.Null(again.Pending);
        Assert.Equal(new Outcome.Done(true), other.Outcome);
        Assert.StartsWith("G-2 logged", other.Lines.First(), StringComparison.Ordinal);
        Assert.Equal(["Ev0ONCE1", "Ev0ONCE2"], (await Store.ListGapsAsync(channel.RecoveryId, Ct)).Select(g => g.Origin));
    }

    private async Task<List<string>> RowKeysAsync(RecoveryId id)
    {
        var keys = new List<string>();
        await foreach (var e in Storage.Recoveries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id.Value}"), select: ["RowKey"])) keys.Add(e.RowKey);
        return keys;
    }
}
