using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Scheduling;

namespace RecoveryBot.Storage;

/// <summary>
/// <see cref="ITurnOutbox"/> on Table Storage. The posts live in the recovery's partition (written by the turn's own
/// transaction, see <see cref="TurnPostRows"/>); heartbeats and lanes live in the leases table, partitions
/// <c>posts-hosts</c> (RowKey: host) and <c>posts-lanes</c> (RowKey: <c>host|recovery</c>).
/// </summary>
public sealed class TableTurnOutbox(TableStorage storage, TimeProvider time, IOptions<OutboxOptions> options, ILogger<TableTurnOutbox> log) : ITurnOutbox
{
    private const string HostsPartition = "posts-hosts";
    private const string LanesPartition = "posts-lanes";
    private const string Until = "Until";
    private const string AdoptedBy = "AdoptedBy";

    private readonly ConcurrentDictionary<string, byte> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _beating = new(StringComparer.Ordinal);

    public async Task OpenLaneAsync(string host, RecoveryId recovery, CancellationToken ct)
    {
        var key = Lane(host, recovery);
        if (_open.ContainsKey(key)) return;
        // A lane is only found through its host's heartbeat: the first lane makes sure there is one.
        if (!_beating.ContainsKey(host)) await BeatAsync(host, time.GetUtcNow() + options.Value.HostLease, ct);
        await Guard(() => storage.Leases.UpsertEntityAsync(new TableEntity(LanesPartition, key), TableUpdateMode.Replace, ct), ct);
        _open[key] = 0;
    }

    public async Task MarkSentAsync(PendingPosts posts, int sent, CancellationToken ct)
    {
        var row = new TableEntity(posts.Recovery.Value, posts.Carrier) { [TurnPostRows.Sent] = sent };
        try
        {
            if (sent < posts.Replies.Count)
            {
                await storage.Recoveries.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, ct);
            }
            else if (TurnPostRows.IsOwnRow(posts.Carrier))
            {
                await storage.Recoveries.DeleteEntityAsync(posts.Recovery.Value, posts.Carrier, ETag.All, ct);
            }
            else
            {
                // A report's gap row: its posts are cleared, the row stays.
                row[TurnPostRows.Posts] = "";
                row[TurnPostRows.Host] = "";
                await storage.Recoveries.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, ct);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The row is gone: nothing is pending there any more.
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
    }

    public async Task<IReadOnlyList<PendingPosts>> PendingAsync(RecoveryId recovery, string host, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {recovery.Value} and PostHost eq {host}");
        var found = new List<(DateTimeOffset At, PendingPosts Posts)>();
        try
        {
            await foreach (var e in storage.Recoveries.QueryAsync<TableEntity>(filter, 1000, ["RowKey", "Timestamp", TurnPostRows.Posts, TurnPostRows.Sent], ct))
            {
                if (e.GetString(TurnPostRows.Posts) == TurnPostRows.Announcement && e.RowKey.StartsWith(RowKeys.GapPrefix, StringComparison.Ordinal))
                {
                    found.Add((e.Timestamp ?? DateTimeOffset.MinValue,
                        new PendingPosts(recovery, e.RowKey, host, [], e.GetInt32(TurnPostRows.Sent) ?? 0) { Announces = new GapId(RowKeys.GapNumber(e.RowKey)) }));
                    continue;
                }
                if (OutboxJson.TryReadAll(e.GetString(TurnPostRows.Posts)) is not { } replies)
                {
                    log.LogWarning("Stored posts in {Recovery} row {Row} cannot be read; they are dropped", recovery.Value, e.RowKey);
                    continue;
                }
                var posts = new PendingPosts(recovery, e.RowKey, host, replies, e.GetInt32(TurnPostRows.Sent) ?? 0);
                if (!posts.Done) found.Add((e.Timestamp ?? DateTimeOffset.MinValue, posts));
            }
        }
        catch (RequestFailedException ex) when (StorageFailures.IsTableNotFound(ex))
        {
            return [];
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
        return [.. found.OrderBy(f => f.At).ThenBy(f => f.Posts.Carrier, StringComparer.Ordinal).Select(f => f.Posts)];
    }

    public async Task<PendingPosts> MoveAsync(PendingPosts posts, string host, CancellationToken ct)
    {
        var row = new TableEntity(posts.Recovery.Value, posts.Carrier) { [TurnPostRows.Host] = host };
        await Guard(() => storage.Recoveries.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, ct), ct);
        return posts with { Host = host };
    }

    public async Task BeatAsync(string host, DateTimeOffset until, CancellationToken ct)
    {
        var row = new TableEntity(HostsPartition, host) { [Until] = until };
        try
        {
            await storage.Leases.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException ex) when (StorageFailures.IsTableNotFound(ex))
        {
            // The first beat can come before startup has created the tables.
            await Guard(async () => { await storage.EnsureTablesAsync(ct); return await storage.Leases.UpsertEntityAsync(row, TableUpdateMode.Replace, ct); }, ct);
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
        _beating[host] = 0;
    }

    public async Task<IReadOnlyList<string>> SilentHostsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {HostsPartition} and Until lt {now}");
        var hosts = new List<string>();
        try
        {
            await foreach (var e in storage.Leases.QueryAsync<TableEntity>(filter, 1000, ["RowKey"], ct)) hosts.Add(e.RowKey);
        }
        catch (RequestFailedException ex) when (StorageFailures.IsTableNotFound(ex))
        {
            return [];
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
        return hosts;
    }

    public async Task<bool> AdoptAsync(string silent, string by, DateTimeOffset until, CancellationToken ct)
    {
        try
        {
            var found = await storage.Leases.GetEntityIfExistsAsync<TableEntity>(HostsPartition, silent, cancellationToken: ct);
            if (!found.HasValue || found.Value is not { } row || row.GetDateTimeOffset(Until) >= time.GetUtcNow()) return false;
            row[Until] = until;
            row[AdoptedBy] = by;
            await storage.Leases.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
    }

    public async Task<IReadOnlyList<RecoveryId>> LanesAsync(string host, CancellationToken ct)
    {
        var lanes = new List<RecoveryId>();
        foreach (var key in await LaneKeysAsync(host, ct)) lanes.Add(new RecoveryId(key[(host.Length + 1)..]));
        return lanes;
    }

    public async Task ForgetAsync(string host, CancellationToken ct)
    {
        var keys = await LaneKeysAsync(host, ct);
        foreach (var chunk in keys.Chunk(ChangesetBatch.MaxOperations))
        {
            var deletes = chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(LanesPartition, k), ETag.All)).ToList();
            try
            {
                await storage.Leases.SubmitTransactionAsync(deletes, ct);
            }
            catch (TableTransactionFailedException)
            {
                // One lane went meanwhile (another host forgot it too): delete the rest one by one.
                foreach (var k in chunk) await DeleteAsync(LanesPartition, k, ct);
            }
        }
        foreach (var key in keys) _open.TryRemove(key, out _);
        await DeleteAsync(HostsPartition, host, ct);
        _beating.TryRemove(host, out _);
    }

    private async Task<List<string>> LaneKeysAsync(string host, CancellationToken ct)
    {
        var from = host + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LanesPartition} and RowKey ge {from} and RowKey lt {host + "}"}");
        var keys = new List<string>();
        try
        {
            await foreach (var e in storage.Leases.QueryAsync<TableEntity>(filter, 1000, ["RowKey"], ct)) keys.Add(e.RowKey);
        }
        catch (RequestFailedException ex) when (StorageFailures.IsTableNotFound(ex))
        {
            return keys;
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
        return keys;
    }

    private Task DeleteAsync(string partition, string key, CancellationToken ct) => Guard(async () =>
    {
        try
        {
            return await storage.Leases.DeleteEntityAsync(partition, key, ETag.All, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null!;
        }
    }, ct);

    private static string Lane(string host, RecoveryId recovery) => host + "|" + recovery.Value;

    private static async Task Guard(Func<Task<Response>> call, CancellationToken ct)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
    }
}
