using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Entities;

namespace RecoveryBot.Storage;

/// <summary>
/// <see cref="IRecoveryStore"/> on one table: each recovery is one partition (PartitionKey = recovery id),
/// so every read is a point read or a range scan inside it and every commit one entity-group transaction — or,
/// when it writes a single row (a gap report: the new gap row alone), one plain insert or update, which costs the
/// service (and Azurite) far less than a one-row transaction.
/// </summary>
public sealed class TableRecoveryStore(TableStorage storage, ILogger<TableRecoveryStore>? log = null) : IRecoveryStore
{
    private readonly TableClient table = storage.Recoveries;
    private readonly RecoveryLists lists = new(storage.Recoveries, (ILogger?)log ?? NullLogger.Instance);

    public async Task<Recovery?> GetRecoveryAsync(RecoveryId id, CancellationToken ct)
    {
        // A row that still holds its lists in the old columns is moved to rows first, then read again.
        for (var attempt = 0; ; attempt++)
        {
            var row = await PointAsync<RecoveryEntity, RecoveryEntity>(id, RowKeys.Recovery, e => e, ct);
            if (row is null) return null;
            if (attempt >= 3 && row.HasLegacyLists())
            {
                // Keeps changing under the move: refuse rather than hand out a row whose next write would drop its lists.
                throw new StoreUnavailableException("storage is busy upgrading this recovery, nothing was changed");
            }
            try
            {
                if (await lists.CompleteAsync(row, ct) is { } recovery) return recovery;
            }
            catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
            {
                throw ReadFailure(ex, ct);
            }
        }
    }

    public Task<Gap?> GetGapAsync(RecoveryId id, GapId gap, CancellationToken ct) =>
        PointAsync<GapEntity, Gap>(id, RowKeys.Gap(gap), e => e.Fence is null ? e.ToModel() : null, ct);

    public Task<IReadOnlyList<Gap>> ListGapsAsync(RecoveryId id, CancellationToken ct) =>
        RangeAsync<GapEntity, Gap>(id, RowKeys.GapRange, int.MaxValue, e => e.Fence is null ? e.ToModel() : null, ct);

    public Task<ChangeRequest?> GetChangeRequestAsync(RecoveryId id, int number, CancellationToken ct) =>
        number is < 1 or > 999_999
            ? Task.FromResult<ChangeRequest?>(null)
            : PointAsync<ChangeRequestEntity, ChangeRequest>(id, RowKeys.Change(number), e => e.ToModel(), ct);

    public Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(RecoveryId id, CancellationToken ct) =>
        RangeAsync<ChangeRequestEntity, ChangeRequest>(id, RowKeys.ChangeRange, int.MaxValue, e => e.ToModel(), ct);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(RecoveryId id, GapId? gap, int max, CancellationToken ct) =>
        RangeAsync<HistoryEntity, HistoryEvent>(id, RowKeys.HistoryRange(gap), max, e => e.ToModel(), ct);

    public async Task<IReadOnlyList<HistoryEvent>> ListHistoryAsync(RecoveryId id, CancellationToken ct)
    {
        var events = await RangeAsync<HistoryEntity, HistoryEvent>(id, RowKeys.AllHistoryRange, int.MaxValue, e => e.ToModel(), ct);
        // Keys sort by scope, then newest first within it; a stable sort by time keeps same-instant events in order.
        return [.. events.Reverse().OrderBy(e => e.At)];
    }

    public async Task<int> NextGapNumberAsync(RecoveryId id, int from, CancellationToken ct) =>
        (await ScanTopAsync(id, from, ct)).Next;

    /// <summary>The next free gap number (fences do not take one), and the fence sitting on it, if any.</summary>
    private async Task<(int Next, TableEntity? Fence)> ScanTopAsync(RecoveryId id, int from, CancellationToken ct)
    {
        var start = Math.Clamp(from, 1, GapId.MaxNumber);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {id.Value} and RowKey ge {RowKeys.Gap(new GapId(start))} and RowKey lt {RowKeys.GapRange.To}");
        var next = from;
        TableEntity? fence = null;
        try
        {
            await foreach (var e in table.QueryAsync<TableEntity>(filter, 1000, [RowKeysOnly, GapEntity.FenceColumn], ct))
            {
                if (e.ContainsKey(GapEntity.FenceColumn)) fence = e;
                else next = Math.Max(next, RowKeys.GapNumber(e.RowKey) + 1);
            }
            return (next, fence is not null && RowKeys.GapNumber(fence.RowKey) == next ? fence : null);
        }
        catch (RequestFailedException ex) when (StorageFailures.IsTableNotFound(ex))
        {
            return (next, null);
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw ReadFailure(ex, ct);
        }
    }

    private const string RowKeysOnly = "RowKey";

    public async Task<CommitResult> CommitAsync(Changeset changes, CancellationToken ct)
    {
        var batch = ChangesetBatch.Build(changes);
        if (batch.Actions.Count == 0) return CommitResult.Ok;
        if (changes.FencesReports && changes.RecoveryRow is { } row) await FenceAsync(batch, row, ct);
        if (await SubmitAsync(batch, changes.DecidedOn, ct) is { } result) return WithPosts(result, batch);
        // Startup creates the tables in the background; a write that wins that race creates them itself.
        try
        {
            await storage.EnsureTablesAsync(ct);
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
        return WithPosts(await SubmitAsync(batch, changes.DecidedOn, ct)
            ?? throw new StoreUnavailableException($"table {storage.Names.Recoveries} is missing, nothing was changed"), batch);
    }

    private static CommitResult WithPosts(CommitResult result, ChangesetBatch batch) =>
        result is CommitResult.Committed done && batch.PostsAt is { } at ? done with { PostsAt = at } : result;

    /// <summary>
    /// A report needs no read of the recovery row, so another host may decide one on a row a moment old. When the
    /// phase or freeze changes, the same transaction puts a fence on the next free number: that host's insert
    /// meets it and is decided again on the new row (see <see cref="ResolveFenceAsync"/>). A report that takes the
    /// number first landed before the change; the fence's own insert then fails and the change is decided again.
    /// </summary>
    private async Task FenceAsync(ChangesetBatch batch, Recovery row, CancellationToken ct)
    {
        var (next, fence) = await ScanTopAsync(row.Id, row.NextGapNumber, ct);
        if (next > GapId.MaxNumber) return;
        var entity = GapEntity.NewFence(row.Id, new GapId(next), row.Revision);
        batch.AddFence(entity, fence?.ETag);
    }

    /// <summary>The outcome, or null when the table does not exist.</summary>
    private async Task<CommitResult?> SubmitAsync(ChangesetBatch batch, int decidedOn, CancellationToken ct)
    {
        try
        {
            if (batch.Actions.Count == 1) return await WriteOneAsync(batch, decidedOn, ct);
            var responses = await table.SubmitTransactionAsync(batch.Actions, ct);
            // The recovery row, when written, is the first action; its new ETag lets the caller skip a re-read.
            return batch.WritesRecovery && responses.Value.Count > 0 && responses.Value[0].Headers.ETag is { } etag
                ? new CommitResult.Committed(etag.ToString())
                : CommitResult.Ok;
        }
        catch (TableTransactionFailedException ex) when (IsConflict(ex))
        {
            var index = ex.FailedTransactionActionIndex;
            if (ex.Status == 409 && index is int i && i >= 0 && i < batch.Actions.Count && IsGapInsert(batch.Actions[i]))
            {
                switch (await ResolveFenceAsync((TableEntity)batch.Actions[i].Entity, decidedOn, ct))
                {
                    case FenceCheck.Stale: return new CommitResult.Conflict("recovery");
                    case FenceCheck.Replaceable r:
                        batch.ReplaceFence(i, r.ETag);
                        return await SubmitAsync(batch, decidedOn, ct);
                }
            }
            return new CommitResult.Conflict(batch.Label(index));
        }
        catch (RequestFailedException ex) when (StorageFailures.IsTableNotFound(ex))
        {
            return null;
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw StorageFailures.ToUnavailable(ex, ct);
        }
    }

    private async Task<CommitResult> WriteOneAsync(ChangesetBatch batch, int decidedOn, CancellationToken ct)
    {
        var action = batch.Actions[0];
        try
        {
            var response = action.ActionType == TableTransactionActionType.Add
                ? await table.AddEntityAsync(action.Entity, ct)
                : await table.UpdateEntityAsync(action.Entity, action.ETag, TableUpdateMode.Replace, ct);
            return batch.WritesRecovery && response.Headers.ETag is { } etag
                ? new CommitResult.Committed(etag.ToString())
                : CommitResult.Ok;
        }
        catch (RequestFailedException ex) when (IsConflict(ex))
        {
            // A fence replacement whose response was lost meets its own row on the client's retry, as an insert does.
            var claim = (ex.Status == 409 && IsGapInsert(action)) || (ex.Status == 412 && batch.ReplacesFence(0));
            if (!claim) return new CommitResult.Conflict(batch.Label(0));
            switch (await ResolveFenceAsync((TableEntity)action.Entity, decidedOn, ct))
            {
                case FenceCheck.OwnInsert: return CommitResult.Ok;
                case FenceCheck.Stale: return new CommitResult.Conflict("recovery");
                case FenceCheck.Replaceable r:
                    batch.ReplaceFence(0, r.ETag);
                    return await WriteOneAsync(batch, decidedOn, ct);
                default: return new CommitResult.Conflict(batch.Label(0));
            }
        }
    }

    private static bool IsGapInsert(TableTransactionAction action) =>
        action.ActionType == TableTransactionActionType.Add && action.Entity is TableEntity row
        && row.RowKey.StartsWith(RowKeys.GapPrefix, StringComparison.Ordinal);

    private abstract record FenceCheck
    {
        /// <summary>A real gap holds the number.</summary>
        public sealed record Taken : FenceCheck;
        /// <summary>The row is the one being inserted: the client's retry after a lost response to an insert that landed.</summary>
        public sealed record OwnInsert : FenceCheck;
        /// <summary>A fence the report was decided before: decide again on the recovery as it is now.</summary>
        public sealed record Stale : FenceCheck;
        /// <summary>A fence the report has seen: the report replaces it (only if the fence is still this one).</summary>
        public sealed record Replaceable(ETag ETag) : FenceCheck;
    }

    /// <summary>What holds the number a gap insert met.</summary>
    private async Task<FenceCheck> ResolveFenceAsync(TableEntity gap, int decidedOn, CancellationToken ct)
    {
        var found = await table.GetEntityIfExistsAsync<GapEntity>(gap.PartitionKey, gap.RowKey, cancellationToken: ct);
        if (!found.HasValue || found.Value is not { } stored) return new FenceCheck.Taken();
        if (stored.Fence is int revision) return decidedOn >= revision ? new FenceCheck.Replaceable(stored.ETag) : new FenceCheck.Stale();
        return IsOwnInsert(gap, stored) ? new FenceCheck.OwnInsert() : new FenceCheck.Taken();
    }

    // The same reporter, title and creation instant (to the tick) cannot be two reports.
    private static bool IsOwnInsert(TableEntity gap, GapEntity s) =>
        s.CreatedAt == gap.GetDateTimeOffset(nameof(GapEntity.CreatedAt))
        && string.Equals(s.Reporter, gap.GetString(nameof(GapEntity.Reporter)), StringComparison.Ordinal)
        && string.Equals(s.Title, gap.GetString(nameof(GapEntity.Title)), StringComparison.Ordinal);

    // 412: a version moved on; 409: an insert met an existing row; 404: a versioned row is gone.
    private static bool IsConflict(RequestFailedException ex) =>
        ex.Status is 409 or 412 || (ex.Status == 404 && !StorageFailures.IsTableNotFound(ex));

    private async Task<TModel?> PointAsync<TEntity, TModel>(
        RecoveryId id, string rowKey, Func<TEntity, TModel?> map, CancellationToken ct)
        where TEntity : class, ITableEntity, new()
        where TModel : class
    {
        try
        {
            var found = await table.GetEntityIfExistsAsync<TEntity>(id.Value, rowKey, cancellationToken: ct);
            return found.HasValue ? map(found.Value!) : null;
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw ReadFailure(ex, ct);
        }
    }

    private async Task<IReadOnlyList<TModel>> RangeAsync<TEntity, TModel>(
        RecoveryId id, (string From, string To) range, int max, Func<TEntity, TModel?> map, CancellationToken ct)
        where TEntity : class, ITableEntity, new()
    {
        var result = new List<TModel>();
        if (max <= 0) return result;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {id.Value} and RowKey ge {range.From} and RowKey lt {range.To}");
        try
        {
            await foreach (var e in table.QueryAsync<TEntity>(filter, Math.Min(max, 1000), cancellationToken: ct))
            {
                if (map(e) is { } model) result.Add(model);
                if (result.Count >= max) break;
            }
            return result;
        }
        catch (RequestFailedException ex) when (StorageFailures.IsTableNotFound(ex))
        {
            return result;
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, ct))
        {
            throw ReadFailure(ex, ct);
        }
    }

    private static StoreUnavailableException ReadFailure(Exception ex, CancellationToken ct) =>
        StorageFailures.IsTransient(ex, ct)
            ? new StoreUnavailableException("storage is unavailable", ex)
            : StorageFailures.ToUnavailable(ex, ct);
}
