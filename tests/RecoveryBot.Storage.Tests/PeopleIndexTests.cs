using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

public sealed class PeopleIndexTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Add_TwiceAndForTwoRecoveries_ListsEachOnce_OnlyForThatPersonAndTenant()
    {
        var index = new TablePeopleIndex(Storage);
        var ana = new PersonKey("slack", "T1", "U0ANA");
        var a = RecoveryId.For(new ChannelKey("slack", "T1", "C1"));
        var b = RecoveryId.For(new ChannelKey("slack", "T1", "C2"));

        await index.AddAsync(ana, a, Ct);
        await index.AddAsync(ana, a, Ct);
        await index.AddAsync(ana, b, Ct);
        await index.AddAsync(ana with { Tenant = "T2" }, b, Ct);

        Assert.Equal(new[] { a, b }.OrderBy(i => i.Value, StringComparer.Ordinal), await index.RecoveriesOfAsync(ana, Ct));
        Assert.Equal([b], await index.RecoveriesOfAsync(ana with { Tenant = "T2" }, Ct));
        Assert.Empty(await index.RecoveriesOfAsync(ana with { User = "29:1a/b#c?" }, Ct));
    }

    [Fact]
    public async Task Zone_SetThenChanged_ReadsBackLatest_BesideAddressAndRecoveries()
    {
        var index = new TablePeopleIndex(Storage);
        var ravi = new PersonKey("teams", "tenant-1", "29:1ravi");
        var a = RecoveryId.For(new ChannelKey("teams", "tenant-1", "19:c1@thread.tacv2"));
        await index.AddAsync(ravi, a, Ct);
        await index.SetAsync(ravi, "{\"ServiceUrl\":\"https://smba.example/\"}", Ct);

        Assert.Null(await index.GetZoneAsync(ravi, Ct));
        await index.SetZoneAsync(ravi, "Asia/Tokyo", Ct);
        Assert.Equal("Asia/Tokyo", await index.GetZoneAsync(ravi, Ct));
        await index.SetZoneAsync(ravi, "America/New_York", Ct);

        Assert.Equal("America/New_York", await index.GetZoneAsync(ravi, Ct));
        Assert.Null(await index.GetZoneAsync(ravi with { Tenant = "tenant-2" }, Ct));
        Assert.Equal([a], await index.RecoveriesOfAsync(ravi, Ct));   // the zone row is not a recovery
        Assert.Equal("{\"ServiceUrl\":\"https://smba.example/\"}", await index.GetAsync(ravi, Ct));
    }
}
