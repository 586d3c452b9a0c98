using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

public sealed class RoundTripTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Recovery_EveryFieldSet_RoundTrips()
    {
        var recovery = TestData.Recovery();

        var stored = await TestData.SeedAsync(Store, recovery);

        Same.Recovery(recovery, stored);
    }

    [Fact]
    public async Task Recovery_Defaults_RoundTrip()
    {
        var key = TestData.Channel();
        var recovery = new Recovery { Id = key.RecoveryId, Channel = key, Name = "R", Lead = TestData.Lead, StartedAt = TestData.T0 };

        Same.Recovery(recovery, await TestData.SeedAsync(Store, recovery));
    }

    [Fact]
    public async Task Recovery_LaterGenerationInTheSameChannel_RoundTripsUnderItsOwnId()
    {
        var key = TestData.Channel();
        var second = TestData.Recovery(key) with { Id = RecoveryId.For(key, 1), Generation = 1, Latest = 0, FollowUpDays = 14 };

        Same.Recovery(second, await TestData.SeedAsync(Store, second));
        Assert.NotEqual(key.RecoveryId, second.Id);
        Assert.Null(await Store.GetRecoveryAsync(key.RecoveryId, Ct));
    }

    [Fact]
    public async Task GapAndChangeRequest_EveryFieldSet_RoundTrip()
    {
        var recovery = TestData.Recovery();
        var changes = new Changeset(recovery.Id) { Gaps = [TestData.Gap(7), TestData.NewGap(8)], ChangeRequests = [TestData.ChangeRequest(2)] };

        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(changes, Ct));

        Same.Gap(TestData.Gap(7), await Store.GetGapAsync(recovery.Id, new GapId(7), Ct));
        Same.Gap(TestData.NewGap(8), await Store.GetGapAsync(recovery.Id, new GapId(8), Ct));
        Same.ChangeRequest(TestData.ChangeRequest(2), await Store.GetChangeRequestAsync(recovery.Id, 2, Ct));
    }

    [Fact]
    public async Task HistoryEvent_EveryFieldSet_RoundTrips()
    {
        var recovery = TestData.Recovery();
        var gapEvent = TestData.Event(7, TestData.T0);
        var recoveryEvent = new HistoryEvent(null, TestData.T0, TestData.Dev, "phase");

        await Store.CommitAsync(new Changeset(recovery.Id) { Events = [gapEvent, recoveryEvent] }, Ct);

        Assert.Equal([gapEvent], await Store.GetHistoryAsync(recovery.Id, new GapId(7), 10, Ct));
        Assert.Equal([recoveryEvent], await Store.GetHistoryAsync(recovery.Id, null, 10, Ct));
    }

    [Fact]
    public async Task Lists_AreOrderedByNumber()
    {
        var id = TestData.Recovery().Id;
        await Store.CommitAsync(new Changeset(id)
        {
            Gaps = [TestData.NewGap(10), TestData.NewGap(2), TestData.NewGap(1)],
            ChangeRequests = [TestData.ChangeRequest(12), TestData.ChangeRequest(3)],
        }, Ct);

        Assert.Equal([1, 2, 10], (await Store.ListGapsAsync(id, Ct)).Select(g => g.Id.Number));
        Assert.Equal([3, 12], (await Store.ListChangeRequestsAsync(id, Ct)).Select(c => c.Number));
    }

    [Fact]
    public async Task Update_WithCurrentVersion_ReplacesRowAndChangesVersion()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.Gap(7)] }, Ct);
        var gap = (await Store.GetGapAsync(recovery.Id, new GapId(7), Ct))!;
        var changed = gap with { Status = GapStatus.Closed, Owner = null, Revision = gap.Revision + 1 };

        var result = await Store.CommitAsync(new Changeset(recovery.Id)
        {
            RecoveryRow = recovery with { Name = "Renamed" },
            Gaps = [changed],
        }, Ct);

        Assert.IsType<CommitResult.Committed>(result);
        var stored = await Store.GetGapAsync(recovery.Id, new GapId(7), Ct);
        Same.Gap(changed, stored);
        Assert.NotEqual(gap.Version, stored!.Version);
        Assert.Equal("Renamed", (await Store.GetRecoveryAsync(recovery.Id, Ct))!.Name);
    }

    [Fact]
    public async Task Reads_OfMissingRows_ReturnNullOrEmpty()
    {
        var id = TestData.Recovery().Id;

        Assert.Null(await Store.GetRecoveryAsync(id, Ct));
        Assert.Null(await Store.GetGapAsync(id, new GapId(1), Ct));
        Assert.Null(await Store.GetChangeRequestAsync(id, 1, Ct));
        Assert.Empty(await Store.ListGapsAsync(id, Ct));
        Assert.Empty(await Store.ListChangeRequestsAsync(id, Ct));
        Assert.Empty(await Store.GetHistoryAsync(id, null, 10, Ct));
    }

    [Fact]
    public async Task EmptyChangeset_CommitsWithoutTouchingStorage()
    {
        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(new Changeset(TestData.Recovery().Id), Ct));
    }
}
