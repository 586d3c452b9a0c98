using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace RecoveryBot.Storage;

/// <summary>The storage account as this app sees it: its tables, their creation and a readiness probe.</summary>
public sealed class TableStorage(TableServiceClient service, IOptions<StorageOptions> options)
{
    public TableNames Names { get; } = new(options.Value.TablePrefix);

    public TableServiceClient Service => service;

    public TableClient Recoveries => service.GetTableClient(Names.Recoveries);

    public TableClient Schedule => service.GetTableClient(Names.Schedule);

    public TableClient Outbox => service.GetTableClient(Names.Outbox);

    public TableClient Leases => service.GetTableClient(Names.Leases);

    public TableClient Installations => service.GetTableClient(Names.Installations);

    public TableClient DataProtectionKeys => service.GetTableClient(Names.DataProtectionKeys);

    public TableClient People => service.GetTableClient(Names.People);

    /// <summary>A client whose retries follow <paramref name="options"/>; constructing it makes no network call.</summary>
    public static TableServiceClient CreateServiceClient(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new TableClientOptions();
        client.Retry.Mode = RetryMode.Exponential;
        client.Retry.MaxRetries = options.MaxRetries;
        client.Retry.Delay = options.RetryDelay;
        client.Retry.MaxDelay = options.MaxRetryDelay;
        client.Retry.NetworkTimeout = options.NetworkTimeout;
        return new TableServiceClient(options.ConnectionString, client);
    }

    /// <summary>Creates every table that does not exist yet; safe to call concurrently and repeatedly.</summary>
    public async Task EnsureTablesAsync(CancellationToken ct)
    {
        foreach (var name in Names.All)
        {
            await service.CreateTableIfNotExistsAsync(name, ct);
        }
    }

    /// <summary>Readiness: the account answers and every table exists. Never throws for storage failures.</summary>
    public async Task<StorageReadiness> CheckAsync(CancellationToken ct)
    {
        try
        {
            var filter = string.Join(" or ", Names.All.Select(n => TableServiceClient.CreateQueryFilter($"TableName eq {n}")));
            var found = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var table in service.QueryAsync(filter, cancellationToken: ct))
            {
                found.Add(table.Name);
            }
            var missing = Names.All.Where(n => !found.Contains(n)).ToList();
            return missing.Count == 0
                ? StorageReadiness.Ready
                : StorageReadiness.NotReady("missing tables: " + string.Join(", ", missing));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return StorageReadiness.NotReady("storage " + StorageFailures.Describe(ex));
        }
    }
}
