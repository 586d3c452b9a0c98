using Azure;
using Azure.Data.Tables;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>
/// The durable outbox (table Outbox, one partition per recovery): an occurrence is added before it is sent (409 = already
/// there, so it is never sent twice), and every change of a row is guarded by its ETag, so only one host holds a row's
/// lease at a time. Rows are <see cref="OutboxRow"/>s; the lead's notices and the plan row share the partition.
/// </summary>
public sealed class TableOutbox(TableStorage storage) : IOutbox
{
    private TableClient Table => storage.Outbox;

    public async Task<IReadOnlyList<Enqueued>> AddAsync(RecoveryId recovery, IReadOnlyList<OutboxItem> items, PlanMark? plan, CancellationToken ct)
    {
        var planRow = plan is null ? null
            : new PlanRow { PartitionKey = recovery.Value, RowKey = PlanRow.KeyOf(recovery), PlannedThrough = plan.PlannedThrough, SweepAt = plan.SweepAt };
        var added = await EnqueueAsync([.. items.Select(OutboxRow.From)], planRow, ct);
        return [.. added.Select(a => new Enqueued(a.Row.ToItem(), a.Added, a.Refused))];
    }

    public async Task<OutboxItem?> TryUpdateAsync(OutboxItem item, CancellationToken ct)
    {
        var row = OutboxRow.From(item);
        return await TryReplaceAsync(row, ct) ? row.ToItem() : null;
    }

    public Task DeleteNoticesAsync(RecoveryId recovery, IEnumerable<OutboxNotice> notices, CancellationToken ct) =>
        DeleteAsync(notices.Select(n => new NoticeEntity
        {
            PartitionKey = recovery.Value, RowKey = NoticeEntity.Prefix + n.Key, ETag = n.Version is null ? default : new ETag(n.Version),
        }), ct);

    public Task DeleteFinishedAsync(RecoveryId recovery, IEnumerable<FinishedItem> items, CancellationToken ct) =>
        DeleteAsync(items.Select(i => new OutboxRow
        {
            PartitionKey = recovery.Value, RowKey = i.Key, ETag = i.Version is null ? default : new ETag(i.Version),
        }), ct);

    public string Encode(Reply reply) => OutboxJson.Write(reply);

    public Reply? TryDecode(string content) => OutboxJson.TryRead(content);

    /// <summary>
    /// Added is true when the occurrence is new, false when it was enqueued before (by anyone). A post that cannot be
    /// stored (larger than a row may be, or refused by the service) is recorded as failed without its payload, with
    /// <c>Refused</c> saying why: it is never posted, and it neither blocks the recovery's other posts nor comes back.
    /// </summary>
    internal async Task<(bool Added, string? Refused)> EnqueueAsync(Recovery r, Occurrence o, DateTimeOffset now, CancellationToken ct)
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

    /// <summary>
    /// Adds new occurrences' rows and writes the plan row (when given) in entity-group transactions of the recovery's
    /// partition, the plan row in the last: one request for a planning in the common case, and the plan moves on only
    /// with the rows it planned. A row already there (409) drops out of its transaction and is reported not added; one
    /// the service refuses (400, 413) is stored as failed without its payload, as <see cref="EnqueueAsync(Recovery, Occurrence, DateTimeOffset, CancellationToken)"/>
    /// does. Each added row keeps the ETag of its insert, so a row inserted with a lease needs no second claim.
    /// </summary>
    internal async Task<List<(OutboxRow Row, bool Added, string? Refused)>> EnqueueAsync(
        IReadOnlyList<OutboxRow> rows, PlanRow? plan, CancellationToken ct)
    {
        var added = new bool[rows.Count];
        foreach (var row in rows)
        {
            if (TableLimits.Problem(Entities.CompactRow.From(row)) is { } problem) row.Refuse("too large to store: " + problem);
        }
        var chunks = Chunk(rows);
        for (var c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            var withPlan = plan is not null && c == chunks.Count - 1;
            if (!await SubmitAsync(rows, chunk, withPlan ? plan : null, added, ct))
            {
                // The service did not say which action failed: one row at a time, then the plan row.
                foreach (var i in chunk)
                {
                    var (ok, _) = await EnqueueOneAsync(rows[i], ct);
                    added[i] = ok;
                }
                if (withPlan) await Table.UpsertEntityAsync(plan!, TableUpdateMode.Replace, ct);
            }
        }
        if (chunks.Count == 0 && plan is not null) await Table.UpsertEntityAsync(plan, TableUpdateMode.Replace, ct);
        return [.. rows.Select((r, i) => (r, added[i], added[i] && r.Status == OutboxRow.Failed ? r.Error : null))];
    }

    // A transaction holds at most 100 actions and 4 MiB; the plan row takes one action and little room.
    private static List<List<int>> Chunk(IReadOnlyList<OutboxRow> rows)
    {
        const long MaxBytes = 3L * 1024 * 1024;
        var chunks = new List<List<int>>();
        var (current, bytes) = (new List<int>(), 0L);
        for (var i = 0; i < rows.Count; i++)
        {
            var size = TableLimits.Size(Entities.CompactRow.From(rows[i]));
            if (current.Count > 0 && (current.Count == 99 || bytes + size > MaxBytes))
            {
                chunks.Add(current);
                (current, bytes) = ([], 0L);
            }
            current.Add(i);
            bytes += size;
        }
        if (current.Count > 0) chunks.Add(current);
        return chunks;
    }

    /// <summary>False when the transaction failed without naming the action, so the caller goes one row at a time.</summary>
    private async Task<bool> SubmitAsync(IReadOnlyList<OutboxRow> rows, List<int> chunk, PlanRow? plan, bool[] added, CancellationToken ct)
    {
        while (true)
        {
            var actions = chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add, rows[i])).ToList();
            if (plan is not null) actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, plan));
            if (actions.Count == 0) return true;
            try
            {
                var answers = (await Table.SubmitTransactionAsync(actions, ct)).Value;
                for (var k = 0; k < chunk.Count; k++)
                {
                    rows[chunk[k]].ETag = answers[k].Headers.ETag ?? throw new InvalidOperationException("an insert in a transaction came back without an ETag");
                    added[chunk[k]] = true;
                }
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is int f && f < chunk.Count)
            {
                var row = rows[chunk[f]];
                if (ex.Status == 409)
                {
                    chunk.RemoveAt(f); // enqueued before (by anyone): never sent twice
                    continue;
                }
                if (ex.Status is 400 or 413 && row.Status == OutboxRow.Pending)
                {
                    row.Refuse($"storage refused it ({ex.Status} {ex.ErrorCode})");
                    continue;
                }
                throw;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is null && ex.Status is 400 or 409 or 413)
            {
                return false;
            }
        }
    }

    private async Task<(bool Added, string? Refused)> EnqueueOneAsync(OutboxRow row, CancellationToken ct)
    {
        try
        {
            var response = await Table.AddEntityAsync(row, ct);
            row.ETag = response.Headers.ETag ?? row.ETag;
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

    /// <summary>
    /// In one query: the recovery's rows still to send, the notices owed to its lead, and its plan row. Only its own
    /// partition is read (the notices' and the plan row's keys start with <c>~</c>, after every occurrence key). Without
    /// a plan row, the plan state older versions kept in the due-index table is read (one request more).
    /// </summary>
    public async Task<OutboxBatch> ReadAsync(RecoveryId recovery, CancellationToken ct)
    {
        var (pending, notices) = (new List<OutboxItem>(), new List<OutboxNotice>());
        PlanMark? plan = null;
        var planKey = PlanRow.KeyOf(recovery);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {recovery.Value} and (Status eq {OutboxRow.Pending} or RowKey ge {"~"})");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (e.RowKey == planKey)
            {
                plan = new PlanMark(e.GetDateTimeOffset(nameof(PlanRow.PlannedThrough)), e.GetDateTimeOffset(nameof(PlanRow.SweepAt)));
            }
            else if (e.RowKey.StartsWith(NoticeEntity.Prefix, StringComparison.Ordinal))
            {
                notices.Add(new OutboxNotice(e.RowKey[NoticeEntity.Prefix.Length..], e.GetString(nameof(NoticeEntity.Text)) ?? "")
                {
                    Version = Entities.Columns.Version(e.ETag),
                });
            }
            else if (e.GetString(nameof(OutboxRow.Status)) == OutboxRow.Pending)
            {
                pending.Add(OutboxRow.From(e).ToItem());
            }
        }
        return new OutboxBatch(pending, notices, plan ?? await OlderPlanAsync(recovery, ct));
    }

    /// <summary>The plan state as older versions kept it (in the due-index table); there a null sweep means not known.</summary>
    private async Task<PlanMark> OlderPlanAsync(RecoveryId id, CancellationToken ct)
    {
        var found = await storage.Schedule.GetEntityIfExistsAsync<PlanStateEntity>(id.Value, id.Value, cancellationToken: ct);
        return found.HasValue ? new PlanMark(found.Value!.PlannedThrough, found.Value.SweepAt, Known: false) : PlanMark.None;
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

    /// <summary>The recovery's rows that are done (sent, failed or expired): keys, status and due time only.</summary>
    public async Task<IReadOnlyList<FinishedItem>> FinishedAsync(RecoveryId recovery, CancellationToken ct)
    {
        var rows = new List<FinishedItem>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {recovery.Value} and (Status eq {OutboxRow.Sent} or Status eq {OutboxRow.Failed} or Status eq {OutboxRow.Expired})");
        await foreach (var row in Table.QueryAsync<OutboxRow>(filter, select: FinishedColumns, cancellationToken: ct))
        {
            rows.Add(new FinishedItem(row.RowKey, row.DueAt) { Version = Entities.Columns.Version(row.ETag) });
        }
        return rows;
    }

    private static readonly string[] FinishedColumns =
        [nameof(OutboxRow.PartitionKey), nameof(OutboxRow.RowKey), nameof(OutboxRow.Status), nameof(OutboxRow.DueAt)];

    internal async Task<OutboxRow?> GetAsync(RecoveryId id, string key, CancellationToken ct)
    {
        var found = await Table.GetEntityIfExistsAsync<OutboxRow>(id.Value, key, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Writes the row if nobody changed it since it was read; its ETag moves on. False when someone did.</summary>
    private async Task<bool> TryReplaceAsync(OutboxRow row, CancellationToken ct)
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

    public Task AddNoticeAsync(RecoveryId recovery, string key, string text, CancellationToken ct) =>
        Table.UpsertEntityAsync(new NoticeEntity { PartitionKey = recovery.Value, RowKey = NoticeEntity.Prefix + key, Text = text },
            TableUpdateMode.Replace, ct);

    internal async Task<List<NoticeEntity>> NoticesAsync(RecoveryId id, CancellationToken ct)
    {
        var notices = new List<NoticeEntity>();
        var from = NoticeEntity.Prefix;
        var to = NoticeEntity.Prefix[..^1] + (char)(NoticeEntity.Prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var n in Table.QueryAsync<NoticeEntity>(filter, cancellationToken: ct)) notices.Add(n);
        return notices;
    }

    /// <summary>Deletes notices (listed in a check-in) or finished rows (swept); one already gone is no error.</summary>
    private async Task DeleteAsync(IEnumerable<ITableEntity> entities, CancellationToken ct)
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
