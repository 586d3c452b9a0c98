using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

public sealed class IsolationTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task OtherTenant_SameConversationAndGapIds_SeesNothing()
    {
        var mine = TestData.Channel("tenant-a");
        var theirs = mine with { Tenant = "tenant-b" };
        var recovery = TestData.Recovery(mine);
        await Store.CommitAsync(new Changeset(recovery.Id)
        {
            RecoveryRow = recovery,
            Gaps = [TestData.Gap(1), TestData.Gap(7)],
            ChangeRequests = [TestData.ChangeRequest(1)],
            Events = [TestData.Event(1, TestData.T0), TestData.Event(null, TestData.T0)],
        }, Ct);

        var other = theirs.RecoveryId;
        Assert.NotEqual(recovery.Id, other);
        Assert.Null(await Store.GetRecoveryAsync(other, Ct));
        Assert.Null(await Store.GetGapAsync(other, new GapId(1), Ct));
        Assert.Null(await Store.GetGapAsync(other, new GapId(7), Ct));
        Assert.Null(await Store.GetChangeRequestAsync(other, 1, Ct));
        Assert.Empty(await Store.ListGapsAsync(other, Ct));
        Assert.Empty(await Store.ListChangeRequestsAsync(other, Ct));
        Assert.Empty(await Store.GetHistoryAsync(other, new GapId(1), 10, Ct));
        Assert.Empty(await Store.GetHistoryAsync(other, null, 10, Ct));
        Assert.Equal(2, (await Store.ListGapsAsync(recovery.Id, Ct)).Count);
    }

    [Fact]
    public async Task RecoveryRow_KeepsItsChannel()
    {
        var key = new ChannelKey("msteams", "tenant-x", "19:abc@thread.tacv2");
        var stored = await TestData.SeedAsync(Store, TestData.Recovery(key));

        Assert.Equal(key, stored.Channel);
        Assert.Equal(key.RecoveryId, stored.Id);
    }
}
