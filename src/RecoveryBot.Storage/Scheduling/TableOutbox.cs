using Azure;
using Azure.Data.Tables;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>
/// The durable outbox: an occurrence is added before it is sent (409 = already there, so it is never sent twice),
/// and every change of a row is guarded by its ETag, so only one host holds a row's lease at a time.
/// </summary>
internal sealed class TableOutbox(TableStorage storage)
{
    private TableClient Table => storage.Outbox;

    /// <summary>
    /// Added is true when the occurrence is new, false when it was enqueued before (by anyone). A post that cannot be
    /// stored (larger than a row may be, or refused by the service) is recorded as failed without its payload, with
    /// <c>Refused</c> saying why: it is never posted, and it neither blocks the recovery's other posts nor comes back.
    /// </summary>
    public async Task<(bool Added, string? Refused)> EnqueueAsync(Recovery r, Occurrence o, DateTimeOffset now, CancellationToken ct)
    {
        var row = OutboxRow.Create(r, o, now);
        if (TableLimits.Problem(Entities.CompactRow.From(row)) is { } problem) row.Refuse("too large to store: " + problem);
        try
        {
            await Table.AddEntityAsync(row, ct);
            return (true, row.Status == OutboxRow.Failed ? row.Error : null);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (false, null);
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 413 && row.Status == OutboxRow.Pending)
        {
            row.Refuse($"storage refused it ({ex.Status} {ex.ErrorCode})");
            return await TryAddAsync(row, ct) ? (true, row.Error) : (false, null);
        }
    }

    private async Task<bool> TryAddAsync(OutboxRow row, CancellationToken ct)
    {
        try
        {
            await Table.AddEntityAsync(row, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The recovery's rows still to send. Only its own partition is read.</summary>
    public async Task<List<OutboxRow>> PendingAsync(RecoveryId id, CancellationToken ct)
    {
        var rows = new List<OutboxRow>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and Status eq {OutboxRow.Pending}");
        await foreach (var row in Table.QueryAsync<OutboxRow>(filter, cancellationToken: ct)) rows.Add(row);
        return rows;
    }

    /// <summary>The recovery's rows that are done (sent, failed or expired): keys, status and due time only.</summary>
    public async Task<List<OutboxRow>> FinishedAsync(RecoveryId id, CancellationToken ct)
    {
        var rows = new List<OutboxRow>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {id.Value} and (Status eq {OutboxRow.Sent} or Status eq {OutboxRow.Failed} or Status eq {OutboxRow.Expired})");
        await foreach (var row in Table.QueryAsync<OutboxRow>(filter, select: FinishedColumns, cancellationToken: ct)) rows.Add(row);
        return rows;
    }

    private static readonly string[] FinishedColumns =
        [nameof(OutboxRow.PartitionKey), nameof(OutboxRow.RowKey), nameof(OutboxRow.Status), nameof(OutboxRow.DueAt)];

    public async Task<OutboxRow?> GetAsync(RecoveryId id, string key, CancellationToken ct)
    {
        var found = await Table.GetEntityIfExistsAsync<OutboxRow>(id.Value, key, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Writes the row if nobody changed it since it was read; its ETag moves on. False when someone did.</summary>
    public async Task<bool> TryReplaceAsync(OutboxRow row, CancellationToken ct)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    public Task AddNoticeAsync(RecoveryId id, string key, string text, CancellationToken ct) =>
        Table.UpsertEntityAsync(new NoticeEntity { PartitionKey = id.Value, RowKey = NoticeEntity.Prefix + key, Text = text },
            TableUpdateMode.Replace, ct);

    public async Task<List<NoticeEntity>> NoticesAsync(RecoveryId id, CancellationToken ct)
    {
        var notices = new List<NoticeEntity>();
        var from = NoticeEntity.Prefix;
        var to = NoticeEntity.Prefix[..^1] + (char)(NoticeEntity.Prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var n in Table.QueryAsync<NoticeEntity>(filter, cancellationToken: ct)) notices.Add(n);
        return notices;
    }

    /// <summary>Deletes notices (listed in a check-in) or finished rows (swept); one already gone is no error.</summary>
    public async Task DeleteAsync(IEnumerable<ITableEntity> entities, CancellationToken ct)
    {
        foreach (var e in entities)
        {
            try
            {
                await Table.DeleteEntityAsync(e.PartitionKey, e.RowKey, e.ETag, ct);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Another host listed it in the same check-in, or swept the same recovery.
            }
        }
    }
}
