using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Host.Tests.Scheduling;

/// <summary>
/// The Azurite the <c>due</c> verb's tests use: the one named by <c>AZURITE_TABLE_ENDPOINT</c>, else one started with the
/// storage tests' launcher (in memory, free port) and killed afterwards. A missing Azurite fails the tests, never skips them.
/// </summary>
public sealed class DueAzurite : IAsyncLifetime
{
    private AzuriteProcess? owned;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_TABLE_ENDPOINT") is { Length: > 0 } endpoint)
        {
            ConnectionString = AzuriteEnvironment.ConnectionStringFor(endpoint);
            return;
        }
        try
        {
            owned = await AzuriteProcess.StartAsync(inMemory: true);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                $"The due verb's tests need Azurite and it could not be started: {ex.Message.TrimEnd()} Run `npm ci` in the repo root.", ex);
        }
        ConnectionString = owned.ConnectionString;
    }

    public Task DisposeAsync()
    {
        owned?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Settings for a host on fresh tables of its own.</summary>
    public IConfiguration Settings(string prefix) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = ConnectionString,
        ["Storage:TablePrefix"] = prefix,
        ["Storage:MaxRetries"] = "0",
    }).Build();

    public TableServiceClient Tables() => new(ConnectionString);

    public static string UniquePrefix() => "d" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
}
