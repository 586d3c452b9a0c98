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
}
