using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;

namespace RecoveryBot.Storage;

/// <summary>
/// <see cref="IDeliveryClaims"/> shared by every host: one row per id in the leases table (PartitionKey
/// <c>~claim-{scope}</c>), inserted only if absent. A row says Running until a lease ends, or Done until
/// <see cref="IDeliveryClaims.Keep"/> has passed; an expired row is taken over with its ETag, so two hosts never both win.
/// </summary>
public sealed class TableDeliveryClaims(TableStorage storage, TimeProvider time, IOptions<StorageOptions>? options = null) : IDeliveryClaims
{
    private const string Running = "running";
    private const string Done = "done";

    private TimeSpan Lease => options?.Value.ClaimLease ?? IDeliveryClaims.RunningLease;

    public async Task<bool> TryClaimAsync(string scope, string id, CancellationToken ct) =>
        await ClaimAsync(scope, id, ct) is ClaimOutcome.Claimed or ClaimOutcome.Reclaimed;

    public async Task<ClaimOutcome> ClaimAsync(string scope, string id, CancellationToken ct)
    {
        var row = Row(scope, id, Running, time.GetUtcNow() + Lease);
        try
        {
            try
            {
                await storage.Leases.AddEntityAsync(row, ct);
                return ClaimOutcome.Claimed;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var existing = await storage.Leases.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: ct);
                if (!existing.HasValue)
                {
                    // Released meanwhile: insert again (a 409 now means another caller won, see below).
                    await storage.Leases.AddEntityAsync(row, ct);
                    return ClaimOutcome.Claimed;
                }
                var current = existing.Value!;
                if (current.GetDateTimeOffset("Until") is { } until && until > time.GetUtcNow())
                {
                    return current.GetString("State") == Done ? ClaimOutcome.Finished : ClaimOutcome.Running;
                }
                await storage.Leases.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, ct);
                return current.GetString("State") == Done ? ClaimOutcome.Claimed : ClaimOutcome.Reclaimed;
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return ClaimOutcome.Running; // another host took it over first
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
    }

    public Task CompleteAsync(string scope, string id, CancellationToken ct) =>
        Guard(() => storage.Leases.UpsertEntityAsync(Row(scope, id, Done, time.GetUtcNow() + IDeliveryClaims.Keep), TableUpdateMode.Replace, ct), ct);

    public Task ReleaseAsync(string scope, string id, CancellationToken ct) =>
        Guard(() => storage.Leases.DeleteEntityAsync(Partition(scope), Key(id), ETag.All, ct), ct);

    private static async Task Guard(Func<Task<Response>> call, CancellationToken ct)
    {
        try
        {
            await call();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: nothing to release.
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
    }

    private static TableEntity Row(string scope, string id, string state, DateTimeOffset until) =>
        new(Partition(scope), Key(id)) { ["State"] = state, ["Until"] = until };

    private static string Partition(string scope) => "~claim-" + scope;

    // RowKeys may not hold / \ # ? or control characters; Slack ids never do, anything else is hex-encoded.
    private static string Key(string id) =>
        id.Length <= 200 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? id : "x" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));
}
