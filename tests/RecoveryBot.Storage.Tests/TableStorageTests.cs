using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

public sealed class TableStorageTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task EnsureTables_CreatesAllFour_AndCheckIsReady()
    {
        var names = new List<string>();
        await foreach (var t in Storage.Service.QueryAsync(t => t.Name.CompareTo(Storage.Names.Prefix) >= 0)) names.Add(t.Name);

        Assert.Subset(names.ToHashSet(), Storage.Names.All.ToHashSet());
        Assert.Equal(StorageReadiness.Ready, await Storage.CheckAsync(Ct));
        await Storage.EnsureTablesAsync(Ct);
    }

    [Fact]
    public async Task Check_WithMissingTables_NamesThem()
    {
        var fresh = CreateStorage(Azurite.ConnectionString, AzuriteFixture.UniquePrefix());
        await fresh.Service.CreateTableIfNotExistsAsync(fresh.Names.Recoveries);
        try
        {
            var result = await fresh.CheckAsync(Ct);

            Assert.False(result.IsReady);
            Assert.Equal($"missing tables: {fresh.Names.Schedule}, {fresh.Names.Outbox}, {fresh.Names.Leases}, {fresh.Names.Installations}, {fresh.Names.DataProtectionKeys}, {fresh.Names.People}", result.Reason);
        }
        finally
        {
            await fresh.Service.DeleteTableAsync(fresh.Names.Recoveries);
        }
    }

    [Fact]
    public void TableNames_UsePrefix_AndHourBuckets()
    {
        var names = new TableNames("rb");

        Assert.Equal(["rbrecoveries", "rbschedule", "rboutbox", "rbleases", "rbinstallations", "rbdataprotection", "rbpeople"], names.All);
        Assert.Equal("2025030407", TableNames.Bucket(new DateTimeOffset(2025, 3, 4, 9, 59, 0, TimeSpan.FromHours(2))));
    }

    [Fact]
    public async Task AddTableStorage_HostStartsWhileStorageIsDown_ThenCreatesTablesWhenReachable()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = AzuriteFixture.UniquePrefix(),
        });
        builder.Services.AddTableStorage(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync(Ct);
        var storage = host.Services.GetRequiredService<TableStorage>();
        Assert.IsType<RecentRecoveryRows>(host.Services.GetRequiredService<IRecoveryStore>());
        for (var i = 0; i < 50 && !(await storage.CheckAsync(Ct)).IsReady; i++) await Task.Delay(100);
        await host.StopAsync(Ct);

        Assert.Equal(StorageReadiness.Ready, await storage.CheckAsync(Ct));
        foreach (var name in storage.Names.All) await storage.Service.DeleteTableAsync(name);
    }

    [Fact]
    public async Task AddTableStorage_UnreachableStorage_DoesNotBlockStartup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = AzuriteEnvironment.ConnectionStringFor("http://127.0.0.1:9/devstoreaccount1"),
            ["Storage:MaxRetries"] = "0",
        });
        builder.Services.AddTableStorage(builder.Configuration);
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        await host.StartAsync(timeout.Token);
        var check = await host.Services.GetRequiredService<TableStorage>().CheckAsync(Ct);
        await host.StopAsync(Ct);

        Assert.False(check.IsReady);
        Assert.StartsWith("storage unreachable", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_HaveDocumentedDefaults_AndRejectBadPrefix()
    {
        var defaults = Resolve([]);
        Assert.Equal("UseDevelopmentStorage=true", defaults.ConnectionString);
        Assert.Equal("rb", defaults.TablePrefix);

        var bad = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Storage:TablePrefix"] = "9-bad" }));
        Assert.Contains("TablePrefix", bad.Message, StringComparison.Ordinal);
        var garbled = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Storage:ConnectionString"] = "not a connection string" }));
        Assert.Contains("ConnectionString", garbled.Message, StringComparison.Ordinal);
    }

    private static StorageOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddTableStorage(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<StorageOptions>>().Value;
    }
}
