using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Storage.Entities;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>
/// The due-index (table Schedule): one entry per recovery and wake-up, in the UTC hour bucket of its time, so a tick
/// reads only the buckets up to now. Entries are claimed with ETag-guarded leases and removed only if nobody woke the
/// recovery again meanwhile; a wake-up is never moved later by anyone but the host that just planned from it. A
/// watermark (table Leases) keeps the oldest bucket that may still hold entries; scans start there.
/// </summary>
public sealed class TableScheduleIndex(TableStorage storage, TimeProvider time, ILogger<TableScheduleIndex> log) : IDueIndex
{
    private const int MaxAttempts = 5;
    private const string FirstBucket = "0000000000";

    private TableClient Table => storage.Schedule;

    /// <summary>Plan this recovery on the next tick. Called after a committed turn, so it never fails the turn.</summary>
    public async Task WakeAsync(RecoveryId recovery, CancellationToken ct)
    {
        try
        {
            // Replacing also drops a lease: a host planning from older state keeps its entry from being deleted (ETag).
            await Table.UpsertEntityAsync(DueEntry.Create(recovery, time.GetUtcNow()), TableUpdateMode.Replace, ct);
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            // The recovery's planned wake-up still stands; what this turn changed is picked up then, marked late if due.
            log.LogWarning("Could not wake the scheduler for {Recovery}: {Reason}", recovery, StorageFailures.Describe(ex));
        }
    }

    public async Task<DueScan> DueAsync(DateTimeOffset now, int max, CancellationToken ct)
    {
        var watermark = await WatermarkAsync(ct);
        // The previous hour is always read again, so a wake written by a host whose clock lags a little is not skipped.
        var floor = TableNames.Bucket(now - TimeSpan.FromHours(1));
        var from = watermark ?? FirstBucket;
        var entries = await DueAsync(string.CompareOrdinal(from, floor) < 0 ? from : floor, now, max, ct);
        return new DueScan([.. entries.Select(e => e.ToWake())], watermark);
    }

    public async Task AdvanceAsync(DueScan scan, IEnumerable<DueWake> left, DateTimeOffset now, CancellationToken ct)
    {
        var next = left.Select(w => TableNames.Bucket(w.WakeAt)).Append(TableNames.Bucket(now - TimeSpan.FromHours(1))).Min(StringComparer.Ordinal)!;
        if (scan.Watermark is null || string.CompareOrdinal(next, scan.Watermark) > 0) await SetWatermarkAsync(next, ct);
    }

    internal async Task<List<DueEntry>> DueAsync(string fromBucket, DateTimeOffset now, int max, CancellationToken ct)
    {
        var entries = new List<DueEntry>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {fromBucket} and PartitionKey le {TableNames.Bucket(now)} and WakeAt le {now}");
        await foreach (var e in Table.QueryAsync<DueEntry>(filter, Math.Min(max, 1000), cancellationToken: ct))
        {
            entries.Add(e);
            if (entries.Count >= max) break;
        }
        return entries;
    }

    /// <summary>The entry with this host's lease and its new ETag, or null when another host changed it first.</summary>
    public async Task<DueWake?> TryClaimAsync(DueWake wake, string owner, DateTimeOffset until, CancellationToken ct)
    {
        var entry = DueEntry.From(wake with { LeaseOwner = owner, LeaseUntil = until });
        return await TryReplaceAsync(entry, ct) ? entry.ToWake() : null;
    }

    /// <summary>
    /// Done with a claimed entry: the recovery next wakes at <paramref name="next"/> (null: only a turn wakes it), and the
    /// claimed entry goes, unless it was woken again since it was claimed, in which case it stays for the next tick.
    /// </summary>
    public async Task CompleteAsync(DueWake claimed, DateTimeOffset? next, CancellationToken ct)
    {
        var entry = DueEntry.From(claimed);
        if (next is { } at && TableNames.Bucket(at) == entry.PartitionKey)
        {
            entry.WakeAt = at;
            entry.LeaseOwner = null;
            entry.LeaseUntil = null;
            entry.Failures = null;
            await TryReplaceAsync(entry, ct);
            return;
        }
        if (next is { } later) await ScheduleAsync(entry.Recovery, later, ct);
        try
        {
            await Table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Woken (or rescheduled earlier) while it was being planned: it stays and is planned again.
        }
    }

    /// <summary>
    /// Planning a claimed entry failed for a reason a retry soon will not fix: it moves to <paramref name="at"/> with the
    /// count of failures. A turn in the recovery still wakes it at once (a new entry).
    /// </summary>
    public async Task DeferAsync(DueWake claimed, DateTimeOffset at, int failures, CancellationToken ct)
    {
        var entry = DueEntry.From(claimed);
        var next = DueEntry.Create(entry.Recovery, at);
        next.Failures = failures;
        if (next.PartitionKey == entry.PartitionKey)
        {
            next.ETag = entry.ETag;
            await TryReplaceAsync(next, ct);
            return;
        }
        try
        {
            await Table.AddEntityAsync(next, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // A wake-up in that hour is there already; it stands.
        }
        try
        {
            await Table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Woken again while it was being planned: that entry stays and is planned on the next tick.
        }
    }

    /// <summary>Makes the recovery wake no later than <paramref name="at"/>; an earlier wake-up already there stands.</summary>
    internal async Task ScheduleAsync(RecoveryId recovery, DateTimeOffset at, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // Adding first: the bucket of a new wake-up is usually empty, so this is one request, not a read and a write.
            try
            {
                await Table.AddEntityAsync(DueEntry.Create(recovery, at), ct);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // A wake-up in that hour is there already: keep the earlier of the two.
            }
            var found = await Table.GetEntityIfExistsAsync<DueEntry>(TableNames.Bucket(at), recovery.Value, cancellationToken: ct);
            if (!found.HasValue) continue;
            var existing = found.Value!;
            // A leased entry may be deleted by the host planning it; touching it (new ETag) keeps it.
            if (existing.WakeAt <= at && !existing.IsLeased(now)) return;
            if (at < existing.WakeAt) existing.WakeAt = at;
            existing.LeaseOwner = null;
            existing.LeaseUntil = null;
            if (await TryReplaceAsync(existing, ct)) return;
        }
        throw new RequestFailedException(412, $"The wake-up of {recovery} kept changing; it is tried again on the next tick.");
    }

    private async Task<string?> WatermarkAsync(CancellationToken ct)
    {
        var found = await storage.Leases.GetEntityIfExistsAsync<WatermarkEntity>(
            WatermarkEntity.Partition, WatermarkEntity.Row, cancellationToken: ct);
        return found.HasValue ? found.Value!.Bucket : null;
    }

    private async Task SetWatermarkAsync(string bucket, CancellationToken ct) =>
        await storage.Leases.UpsertEntityAsync(new WatermarkEntity { Bucket = bucket }, TableUpdateMode.Replace, ct);

    private async Task<bool> TryReplaceAsync(DueEntry entry, CancellationToken ct)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(entry, entry.ETag, TableUpdateMode.Replace, ct);
            entry.ETag = response.Headers.ETag ?? entry.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }
}
