using Azure.Data.Tables;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.EndToEnd.Tests.Harness;

/// <summary>
/// One Azurite for every end-to-end test: the one named by <c>AZURITE_TABLE_ENDPOINT</c>, else one started here with
/// the storage tests' launcher (in memory, free port) and killed afterwards. Each host gets its own table prefix.
/// A missing Azurite fails the tests, never skips them (the same rule as the storage tests, and under CI=true).
/// </summary>
public sealed class AzuriteForHosts : IAsyncLifetime
{
    public const string EndpointVariable = "AZURITE_TABLE_ENDPOINT";

    private AzuriteProcess? _owned;

    public string ConnectionString { get; private set; } = "";

    public string Source { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } endpoint && !string.IsNullOrWhiteSpace(endpoint))
        {
            ConnectionString = AzuriteEnvironment.ConnectionStringFor(endpoint);
            Source = $"{EndpointVariable}={endpoint}";
        }
        else
        {
            try
            {
                _owned = await AzuriteProcess.StartAsync(inMemory: true);
            }
            catch (Exception ex)
            {
                var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
                throw new InvalidOperationException(
                    $"End-to-end tests need Azurite and it could not be started{(ci ? " (CI=true: this is a failure, not a skip)" : "")}: " +
                    $"{ex.Message.TrimEnd()} Run `npm ci` in the repo root, or point {EndpointVariable} at a running Azurite.", ex);
            }
            ConnectionString = _owned.ConnectionString;
            Source = $"azurite-table on port {_owned.Port} (started by the tests)";
        }

        // One request, so a wrong endpoint fails here with a clear message rather than as a host that never gets ready.
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await foreach (var _ in new TableServiceClient(ConnectionString).QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages())
            {
                break;
            }
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Azurite ({Source}) does not answer table requests: {ex.Message}", ex);
        }
    }

    public TableServiceClient Tables() => new(ConnectionString);

    public Task DisposeAsync()
    {
        _owned?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A table prefix no other test, run or parallel job uses.</summary>
    public static string UniquePrefix() => "e2e" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
}

/// <summary>Every end-to-end test shares one Azurite, and runs one at a time: each starts its own host process.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<AzuriteForHosts>
{
    public const string Name = "EndToEnd";
}
