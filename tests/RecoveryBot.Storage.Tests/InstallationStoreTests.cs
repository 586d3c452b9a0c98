using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Storage.Installations;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

/// <summary>Installations round-trip with their token encrypted; the key ring lives in its own table of the same account.</summary>
public sealed class InstallationStoreTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private IDataProtectionProvider KeyRing()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("RecoveryBot");
        services.AddSingleton(new TableXmlRepository(Storage));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = sp.GetRequiredService<TableXmlRepository>()));
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    private TableInstallationStore Installations(IDataProtectionProvider keys) => new(Storage, keys, TimeProvider.System);

    [Fact]
    public async Task Save_ThenFindFromAnotherInstance_SameInstallation_TokenNotInTheTable()
    {
        var installation = new Installation("slack", "T0ACME", null, "U0BOT", "xoxb-acme-secret", "chat:write", "U0LENA", At);
        await Installations(KeyRing()).SaveAsync(installation, default);

        // A second host shares only the storage account: it reads the key ring from the table and decrypts.
        Assert.Equal(installation, await Installations(KeyRing()).FindAsync("slack", "T0ACME", default));
        var row = (await Storage.Installations.GetEntityAsync<TableEntity>("slack", "T0ACME")).Value;
        Assert.DoesNotContain(row, p => p.Value?.ToString()?.Contains("xoxb", StringComparison.Ordinal) == true);
        Assert.NotEmpty(Storage.DataProtectionKeys.Query<TableEntity>().ToList());
        Assert.Null(await Installations(KeyRing()).FindAsync("slack", "T0OTHER", default));
    }

    [Fact]
    public async Task Find_WithoutTheKeyRing_CannotReadTheToken()
    {
        await Installations(KeyRing()).SaveAsync(new Installation("slack", "T0ACME", null, "U0BOT", "xoxb-acme-secret", "", "", At), default);
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(
            () => Installations(new EphemeralDataProtectionProvider()).FindAsync("slack", "T0ACME", default));
    }

    [Fact]
    public async Task Delete_RemovesOnlyThatWorkspace()
    {
        var store = Installations(KeyRing());
        await store.SaveAsync(new Installation("slack", "T0ACME", null, "U", "xoxb-a", "", "", At), default);
        await store.SaveAsync(new Installation("slack", "T0BETA", null, "U", "xoxb-b", "", "", At), default);

        Assert.True(await store.DeleteAsync("slack", "T0BETA", default));
        Assert.False(await store.DeleteAsync("slack", "T0BETA", default));
        Assert.Null(await store.FindAsync("slack", "T0BETA", default));
        Assert.Equal("xoxb-a", (await store.FindAsync("slack", "T0ACME", default))!.BotToken);
    }

    [Fact]
    public async Task ClaimOnce_SecondClaimRefused()
    {
        var store = Installations(KeyRing());
        Assert.True(await store.ClaimOnceAsync("oauthstate", "abc123", At, default));
        Assert.False(await store.ClaimOnceAsync("oauthstate", "abc123", At, default));
        Assert.True(await store.ClaimOnceAsync("oauthstate", "def456", At, default));
    }
}
