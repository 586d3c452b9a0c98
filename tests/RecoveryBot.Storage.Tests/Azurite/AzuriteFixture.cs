namespace RecoveryBot.Storage.Tests.Azurite;

/// <summary>
/// The Azurite every storage test talks to: the one named by <c>AZURITE_TABLE_ENDPOINT</c>, else one this
/// fixture starts (in memory, on a free port) and kills afterwards. A missing Azurite fails the tests; it
/// never skips them.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string EndpointVariable = "AZURITE_TABLE_ENDPOINT";

    private AzuriteProcess? owned;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Where the endpoint came from, for failure messages.</summary>
    public string Source { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            ConnectionString = AzuriteEnvironment.ConnectionStringFor(endpoint);
            Source = $"{EndpointVariable}={endpoint}";
            await ProbeAsync();
            return;
        }
        try
        {
            owned = await AzuriteProcess.StartAsync(inMemory: true);
        }
        catch (Exception ex)
        {
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            throw new InvalidOperationException(
                $"Storage tests need Azurite and it could not be started{(ci ? " (CI=true)" : "")}: {ex.Message.TrimEnd()} " +
                $"Run `npm ci` in the repo root, or point {EndpointVariable} at a running Azurite.", ex);
        }
        ConnectionString = owned.ConnectionString;
        Source = $"azurite-table on port {owned.Port} (started by the tests)";
        await ProbeAsync();
    }

    /// <summary>One table query, so a wrong endpoint fails here with a clear message, not in every test.</summary>
    private async Task ProbeAsync()
    {
        var storage = StoreTestBase.CreateStorage(ConnectionString, UniquePrefix(), o => o.MaxRetries = 3);
        var check = await storage.CheckAsync(CancellationToken.None);
        if (check.Reason.StartsWith("missing tables", StringComparison.Ordinal)) return;
        throw new InvalidOperationException($"Azurite ({Source}) does not answer table requests: {check.Reason}");
    }

    public Task DisposeAsync()
    {
        owned?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A prefix no other test, run or parallel job uses.</summary>
    public static string UniquePrefix() =>
        "t" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
