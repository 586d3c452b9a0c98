using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

/// <summary>A gap report is one insert of the gap row; the insert itself claims the number.</summary>
public sealed class GapNumberTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task NextGapNumber_FromLowerBound_FindsTheFirstFreeNumber()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery() with { NextGapNumber = 1 });
        Assert.Equal(1, await Store.NextGapNumberAsync(recovery.Id, 1, Ct));
        for (var n = 1; n <= 12; n++) await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(n)] }, Ct);

        Assert.Equal(13, await Store.NextGapNumberAsync(recovery.Id, 1, Ct));
        Assert.Equal(13, await Store.NextGapNumberAsync(recovery.Id, 9, Ct));
        Assert.Equal(13, await Store.NextGapNumberAsync(recovery.Id, 13, Ct));
        Assert.Equal(20, await Store.NextGapNumberAsync(recovery.Id, 20, Ct));
        // Another recovery's gaps are not counted.
        Assert.Equal(1, await Store.NextGapNumberAsync(TestData.Channel().RecoveryId, 1, Ct));
    }

    [Fact]
    public async Task SingleInsert_NumberTaken_ConflictNamesTheGapAndChangesNothing()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(4)] }, Ct));

        var again = await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(4) with { Title = "Second" }] }, Ct);

        Assert.Equal(new CommitResult.Conflict("G-4"), again);
        Assert.Equal("Gap 4", (await Store.GetGapAsync(recovery.Id, new GapId(4), Ct))!.Title);
    }

    [Fact]
    public async Task SingleRecoveryRowWrite_ReturnsItsNewVersion_AndStaleVersionConflicts()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        var written = await Store.CommitAsync(new Changeset(recovery.Id) { RecoveryRow = recovery with { Name = "Renamed" } }, Ct);

        var version = Assert.IsType<CommitResult.Committed>(written).RecoveryVersion;
        Assert.Equal(version, (await Store.GetRecoveryAsync(recovery.Id, Ct))!.Version);
        Assert.Equal(new CommitResult.Conflict("recovery"),
            await Store.CommitAsync(new Changeset(recovery.Id) { RecoveryRow = recovery with { Name = "Stale" } }, Ct));
    }

    [Fact]
    public async Task ThreeHostsReportAtOnce_IdsContiguous_EachTitleOnce_RecoveryRowUntouched()
    {
        var channel = TestData.Channel();
        var time = new FakeTimeProvider(TestData.T0);
        var hosts = Enumerable.Range(0, 3).Select(_ => new RecoveryService(new RecentRecoveryRows(Store, time), time, new Links())).ToArray();
        await hosts[0].HandleAsync(new Turn(channel, TestData.Lead), new StartCommand("Payroll", null), Ct);
        var started = (await Store.GetRecoveryAsync(channel.RecoveryId, Ct))!;

        var reports = Enumerable.Range(0, 60).Select(i => Task.Run(() =>
            hosts[i % 3].HandleAsync(new Turn(channel, TestData.Dev), new ReportCommand(GapKind.Defect, $"Problem {i}"), Ct)));
        var results = await Task.WhenAll(reports);

        Assert.All(results, r => Assert.Matches(@"^G-\d+ logged by", r.Lines.First()));
        var gaps = await Store.ListGapsAsync(channel.RecoveryId, Ct);
        Assert.Equal(Enumerable.Range(1, 60), gaps.Select(g => g.Id.Number));
        Assert.Equal(60, gaps.Select(g => g.Title).Distinct().Count());
        Assert.Equal(started.Version, (await Store.GetRecoveryAsync(channel.RecoveryId, Ct))!.Version);
        Assert.Equal(61, await Store.NextGapNumberAsync(channel.RecoveryId, started.NextGapNumber, Ct));
    }

    [Fact]
    public async Task FreezeChangedOnAnotherHost_ReportDecidedOnTheOldRow_IsDecidedAgain()
    {
        var channel = TestData.Channel();
        var time = new FakeTimeProvider(TestData.T0); // never advances: host B's remembered row never expires
        var a = new RecoveryService(new RecentRecoveryRows(Store, time), time, new Links());
        var b = new RecoveryService(new RecentRecoveryRows(Store, time), time, new Links());
        await a.HandleAsync(new Turn(channel, TestData.Lead), new StartCommand("Payroll", null), Ct);
        Task<TurnResult> Report(string title) =>
            b.HandleAsync(new Turn(channel, TestData.Dev), new ReportCommand(GapKind.Request, title), Ct);

        await Report("Frozen one");                                              // B remembers: frozen
        await a.HandleAsync(new Turn(channel, TestData.Lead), new FreezeCommand(false), Ct);
        var open = await Report("Asked while open");                             // decided again: open
        await a.HandleAsync(new Turn(channel, TestData.Lead), new FreezeCommand(true), Ct);
        var frozen = await Report("Asked while frozen");                         // decided again: frozen

        Assert.DoesNotContain("frozen", open.Lines.First());
        Assert.Contains("New requests are frozen", frozen.Lines.First());
        var gaps = await Store.ListGapsAsync(channel.RecoveryId, Ct);
        Assert.Equal([1, 2, 3], gaps.Select(g => g.Id.Number));
        Assert.Equal([Bucket.Later, Bucket.Now, Bucket.Later], gaps.Select(g => g.Bucket));
        Assert.Equal(4, await Store.NextGapNumberAsync(channel.RecoveryId, 1, Ct));
    }

    [Fact]
    public async Task ClosedOnAnotherHost_ReportDecidedOnTheOpenRow_BecomesAFollowUpItem()
    {
        var channel = TestData.Channel();
        var time = new FakeTimeProvider(TestData.T0);
        var b = new RecoveryService(new RecentRecoveryRows(Store, time), time, new Links());
        await b.HandleAsync(new Turn(channel, TestData.Lead), new StartCommand("Payroll", null), Ct);
        await b.HandleAsync(new Turn(channel, TestData.Dev), new ReportCommand(GapKind.Defect, "Before closure"), Ct);
        var open = (await Store.GetRecoveryAsync(channel.RecoveryId, Ct))!;
        // Another host closes the recovery (as an approved closure writes it).
        var closed = open with { Phase = RecoveryPhase.Closed, ClosedAt = TestData.T0, Revision = open.Revision + 1 };
        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(
            new Changeset(open.Id) { RecoveryRow = closed, DecidedOn = open.Revision, FencesReports = true }, Ct));

        var late = await b.HandleAsync(new Turn(channel, TestData.Dev), new ReportCommand(GapKind.Defect, "After closure"), Ct);

        Assert.Contains("follow-up item of the closed recovery", late.Lines.First());
        var gaps = await Store.ListGapsAsync(channel.RecoveryId, Ct);
        Assert.Equal([1, 2], gaps.Select(g => g.Id.Number));
        Assert.Equal(Bucket.Now, gaps[0].Bucket);
    }

    [Fact]
    public async Task Fence_IsNoGap_StaleReportConflictsOnRecovery_FreshReportTakesItsNumber()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery() with { NextGapNumber = 1, Revision = 3 });
        await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(1)] }, Ct);
        var row = (await Store.GetRecoveryAsync(recovery.Id, Ct))!;
        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(
            new Changeset(recovery.Id) { RecoveryRow = row with { Frozen = !row.Frozen, Revision = 4 }, DecidedOn = 3, FencesReports = true }, Ct));

        Assert.Null(await Store.GetGapAsync(recovery.Id, new GapId(2), Ct));
        Assert.Single(await Store.ListGapsAsync(recovery.Id, Ct));
        Assert.Equal(2, await Store.NextGapNumberAsync(recovery.Id, 1, Ct));
        Assert.Equal(new CommitResult.Conflict("recovery"),
            await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(2)], DecidedOn = 3 }, Ct));
        Assert.Single(await Store.ListGapsAsync(recovery.Id, Ct));

        // A second change before any report moves the same fence on; a report decided on it replaces the fence.
        row = (await Store.GetRecoveryAsync(recovery.Id, Ct))!;
        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(
            new Changeset(recovery.Id) { RecoveryRow = row with { Frozen = !row.Frozen, Revision = 5 }, DecidedOn = 4, FencesReports = true }, Ct));
        Assert.Equal(new CommitResult.Conflict("recovery"),
            await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(2)], DecidedOn = 4 }, Ct));
        Assert.IsType<CommitResult.Committed>(
            await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(2) with { Title = "Fresh" }], DecidedOn = 5 }, Ct));

        Assert.Equal("Fresh", (await Store.GetGapAsync(recovery.Id, new GapId(2), Ct))!.Title);
        Assert.Equal(3, await Store.NextGapNumberAsync(recovery.Id, 1, Ct));
        Assert.Equal(new CommitResult.Conflict("G-2"),
            await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(2) with { Title = "Late" }], DecidedOn = 5 }, Ct));
    }

    private sealed class Links : ISummaryLinks
    {
        public string SummaryUrl(Recovery recovery) => "https://example.test/s";
        public string LogUrl(Recovery recovery) => "https://example.test/l";
    }
}

/// <summary>The storage client retries an insert whose response was lost; the retry must not turn into a second report.</summary>
public sealed class LostResponseTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task InsertLandedButResponseLost_RetryMeetsItsOwnRow_Committed()
    {
        var dropper = new DropFirstInsertResponse();
        var options = new StorageOptions { ConnectionString = Azurite.ConnectionString, TablePrefix = Storage.Names.Prefix, RetryDelay = TimeSpan.FromMilliseconds(10) };
        var client = new Azure.Data.Tables.TableClientOptions();
        client.Retry.Delay = TimeSpan.FromMilliseconds(10);
        client.AddPolicy(dropper, Azure.Core.HttpPipelinePosition.PerRetry);
        var store = new TableRecoveryStore(new TableStorage(new Azure.Data.Tables.TableServiceClient(options.ConnectionString, client), Microsoft.Extensions.Options.Options.Create(options)));
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        dropper.Armed = true;

        var result = await store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(8)] }, Ct);

        Assert.Equal(1, dropper.Dropped);
        Assert.IsType<CommitResult.Committed>(result);
        Assert.Equal(new GapId(8), Assert.Single(await Store.ListGapsAsync(recovery.Id, Ct)).Id);
    }

    [Fact]
    public async Task InsertMeetsSomeoneElsesRow_StillAConflict()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(8)] }, Ct);
        var theirs = TestData.NewGap(8) with { CreatedAt = TestData.T0.AddTicks(1) };
        Assert.Equal(new CommitResult.Conflict("G-8"), await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [theirs] }, Ct));
    }

    /// <summary>Lets the first insert reach the service, then fails it as a dropped connection would.</summary>
    private sealed class DropFirstInsertResponse : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        public volatile bool Armed;
        public int Dropped;

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Drop(message);
        }

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Drop(message);
        }

        private void Drop(Azure.Core.HttpMessage message)
        {
            if (!Armed || message.Request.Method != Azure.Core.RequestMethod.Post || message.Response.Status != 204) return;
            Armed = false;
            Interlocked.Increment(ref Dropped);
            throw new IOException("The connection was reset after the insert landed.");
        }
    }
}
