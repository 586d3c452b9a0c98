using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>
/// The due-index (table Schedule): one entry per recovery and wake-up, in the UTC hour bucket of its time, so a tick
/// reads only the buckets up to now. Entries are claimed with ETag-guarded leases and removed only if nobody woke the
/// recovery again meanwhile; a wake-up is never moved later by anyone but the host that just planned from it.
/// </summary>
public sealed class TableScheduleIndex(TableStorage storage, TimeProvider time, ILogger<TableScheduleIndex> log) : IScheduleIndex
{
    private const int MaxAttempts = 5;

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

    /// <summary>The entry with this host's lease and its new ETag, or null when another host has it.</summary>
    internal async Task<DueEntry?> TryClaimAsync(DueEntry entry, string owner, DateTimeOffset until, DateTimeOffset now, CancellationToken ct)
    {
        if (entry.IsLeased(now)) return null;
        entry.LeaseOwner = owner;
        entry.LeaseUntil = until;
        return await TryReplaceAsync(entry, ct) ? entry : null;
    }

    /// <summary>
    /// Done with a claimed entry: the recovery next wakes at <paramref name="next"/> (null: only a turn wakes it), and the
    /// claimed entry goes, unless it was woken again since it was claimed, in which case it stays for the next tick.
    /// </summary>
    internal async Task CompleteAsync(DueEntry claimed, DateTimeOffset? next, CancellationToken ct)
    {
        if (next is { } at && TableNames.Bucket(at) == claimed.PartitionKey)
        {
            claimed.WakeAt = at;
            claimed.LeaseOwner = null;
            claimed.LeaseUntil = null;
            claimed.Failures = null;
            await TryReplaceAsync(claimed, ct);
            return;
        }
        if (next is { } later) await ScheduleAsync(claimed.Recovery, later, ct);
        try
        {
            await Table.DeleteEntityAsync(claimed.PartitionKey, claimed.RowKey, claimed.ETag, ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Woken (or rescheduled earlier) while it was being planned: it stays and is planned again.
        }
    }

    /// <summary>
    /// Planning a claimed entry failed for a reason a retry in two minutes will not fix (a row that cannot be read, a
    /// bug): it waits twice as long after each failure, up to <see cref="MaxBackoff"/>, so it neither fills the log nor
    /// holds the tick's other recoveries back. A turn in the recovery wakes it at once (a new entry). Returns the next try.
    /// </summary>
    internal async Task<DateTimeOffset> DeferAsync(DueEntry claimed, TimeSpan first, CancellationToken ct)
    {
        var failures = (claimed.Failures ?? 0) + 1;
        var wait = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, first.Ticks << Math.Min(failures - 1, 20)));
        var at = time.GetUtcNow() + wait;
        var next = DueEntry.Create(claimed.Recovery, at);
        next.Failures = failures;
        if (next.PartitionKey == claimed.PartitionKey)
        {
            next.ETag = claimed.ETag;
            await TryReplaceAsync(next, ct);
            return at;
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
            await Table.DeleteEntityAsync(claimed.PartitionKey, claimed.RowKey, claimed.ETag, ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Woken again while it was being planned: that entry stays and is planned on the next tick.
        }
        return at;
    }

    /// <summary>The longest wait between two tries of a recovery whose planning keeps failing.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

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

    /// <summary>The plan state as older versions kept it here; read only for a recovery whose outbox has no plan row yet.</summary>
    internal async Task<PlanStateEntity?> PlanStateAsync(RecoveryId recovery, CancellationToken ct)
    {
        var found = await Table.GetEntityIfExistsAsync<PlanStateEntity>(recovery.Value, recovery.Value, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    internal async Task<string?> WatermarkAsync(CancellationToken ct)
    {
        var found = await storage.Leases.GetEntityIfExistsAsync<WatermarkEntity>(
            WatermarkEntity.Partition, WatermarkEntity.Row, cancellationToken: ct);
        return found.HasValue ? found.Value!.Bucket : null;
    }

    internal Task SetWatermarkAsync(string bucket, CancellationToken ct) =>
        storage.Leases.UpsertEntityAsync(new WatermarkEntity { Bucket = bucket }, TableUpdateMode.Replace, ct);

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
