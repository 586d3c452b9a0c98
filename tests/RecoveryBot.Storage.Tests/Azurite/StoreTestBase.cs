using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;

namespace RecoveryBot.Storage.Tests.Azurite;

/// <summary>Each test gets its own tables (a fresh prefix), created before and deleted after it.</summary>
[Collection(AzuriteCollection.Name)]
public abstract class StoreTestBase(AzuriteFixture azurite) : IAsyncLifetime
{
    protected AzuriteFixture Azurite => azurite;

    protected TableStorage Storage { get; private set; } = null!;

    protected IRecoveryStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Storage = CreateStorage(azurite.ConnectionString, AzuriteFixture.UniquePrefix());
        Store = new TableRecoveryStore(Storage);
        await Storage.EnsureTablesAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in Storage.Names.All)
        {
            await Storage.Service.DeleteTableAsync(name);
        }
    }

    internal static TableStorage CreateStorage(string connectionString, string prefix, Action<StorageOptions>? configure = null)
    {
        var options = new StorageOptions { ConnectionString = connectionString, TablePrefix = prefix };
        configure?.Invoke(options);
        return new TableStorage(TableStorage.CreateServiceClient(options), Options.Create(options));
    }
}
