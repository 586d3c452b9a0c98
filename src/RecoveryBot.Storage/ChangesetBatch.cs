using Azure;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Entities;
using RecoveryBot.Storage.Scheduling;

namespace RecoveryBot.Storage;

/// <summary>A <see cref="Changeset"/> as one entity-group transaction, plus a label per action for conflicts.</summary>
internal sealed class ChangesetBatch
{
    /// <summary>The entity-group transaction limit of Azure Table Storage.</summary>
    public const int MaxOperations = 100;

    private readonly List<TableTransactionAction> actions = [];
    private readonly List<string> labels = [];
    private readonly HashSet<string> rowKeys = new(StringComparer.Ordinal);

    public IReadOnlyList<TableTransactionAction> Actions => actions;

    public bool WritesRecovery => labels.Count > 0 && labels[0] == "recovery";

    /// <summary>Validates and translates; a malformed changeset is the caller's bug, so it throws.</summary>
    public static ChangesetBatch Build(Changeset changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count > MaxOperations)
        {
            throw new ArgumentException(
                $"A changeset holds at most {MaxOperations} rows (one transaction); this one has {changes.Count}.", nameof(changes));
        }
        if (changes.RecoveryRow is { } row && row.Id != changes.Recovery)
        {
            throw new ArgumentException($"The recovery row {row.Id} does not belong to changeset {changes.Recovery}.", nameof(changes));
        }

        try
        {
            var batch = Translate(changes);
            return batch.actions.Count <= MaxOperations ? batch
                : throw new InvalidOperationException($"A changeset holds at most {MaxOperations} rows (one transaction); this one writes {batch.actions.Count}.");
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException(ex.Message, nameof(changes), ex);
        }
    }

    private static ChangesetBatch Translate(Changeset changes)
    {
        var id = changes.Recovery;
        var batch = new ChangesetBatch();
        if (changes.RecoveryRow is { } r) batch.Write(RecoveryEntity.From(r), r.Version, "recovery");
        foreach (var (item, label) in RecoveryLists.Rows(changes)) batch.Upsert(item, label);
        foreach (var g in changes.Gaps)
        {
            if (g.Id.Number is < 1 or > GapId.MaxNumber) throw new InvalidOperationException($"Invalid gap id {g.Id}.");
            batch.Write(GapEntity.From(id, g), g.Version, g.Id.ToString());
        }
        foreach (var c in changes.ChangeRequests)
        {
            if (c.Number is < 1 or > 999_999) throw new InvalidOperationException($"Invalid change request number {c.Number}.");
            batch.Write(ChangeRequestEntity.From(id, c), c.Version, c.Label);
        }
        for (var i = 0; i < changes.Events.Count; i++)
        {
            // Later events of one changeset sort first among equal timestamps; the random part keeps keys unique.
            var suffix = (MaxOperations - 1 - i).ToString("D2", CultureInfo.InvariantCulture)
                + RandomNumberGenerator.GetHexString(12, lowercase: true);
            var e = changes.Events[i];
            batch.Write(HistoryEntity.Create(id, e, suffix), null, "history " + (e.Gap?.ToString() ?? "recovery"));
        }
        if (changes.Posts is { Replies.Count: > 0 } posts) batch.Keep(id, posts);
        return batch;
    }

    /// <summary>The row that keeps the changeset's posts (<see cref="TurnPostRows"/>); null when they are not stored.</summary>
    public string? PostsAt { get; private set; }

    /// <summary>
    /// Stores the turn's posts in its own transaction. A report's posts ride on the gap row it inserts, so a report
    /// stays one insert; any other changeset gets a post row of its own. Posts that would not fit are not kept (the
    /// adapter then sends them from memory, as before): a too-large announcement must not refuse the change itself.
    /// </summary>
    private void Keep(RecoveryId id, TurnPosts posts)
    {
        if (actions.Count == 1 && actions[0].ActionType == TableTransactionActionType.Add && actions[0].Entity is TableEntity only
            && only.RowKey.StartsWith(RowKeys.GapPrefix, StringComparison.Ordinal))
        {
            // A new item's announcement is derived from the item: its row only notes that it is owed.
            var kept = posts.Announces is { } g && only.RowKey == RowKeys.Gap(g) ? TurnPostRows.Announcement : OutboxJson.WriteAll(posts.Replies);
            TurnPostRows.Attach(only, posts.Host, kept);
            if (TableLimits.Problem(only) is null) { PostsAt = only.RowKey; return; }
            TurnPostRows.Detach(only);
            return;
        }
        if (actions.Count >= MaxOperations) return;
        var row = TurnPostRows.Create(id, posts.Host, OutboxJson.WriteAll(posts.Replies));
        if (TableLimits.Problem(row) is not null || !rowKeys.Add(row.RowKey)) return;
        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        labels.Add("posts");
        PostsAt = row.RowKey;
    }

    /// <summary>
    /// Adds the fence a phase or freeze change puts on the next free gap number: inserted, or replacing the fence
    /// already there (only if unchanged). Its conflict reads as one on "recovery": the change is decided again.
    /// </summary>
    public void AddFence(TableEntity fence, ETag? existing)
    {
        if (actions.Count >= MaxOperations || !rowKeys.Add(fence.RowKey))
        {
            throw new ArgumentException($"A changeset that moves the phase or freeze holds at most {MaxOperations - 1} rows.");
        }
        actions.Add(existing is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, fence, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, fence));
        labels.Add("recovery");
    }

    /// <summary>Turns the gap insert at <paramref name="index"/> into the replacement of the fence on its number.</summary>
    public void ReplaceFence(int index, ETag fence)
    {
        actions[index] = new TableTransactionAction(TableTransactionActionType.UpdateReplace, actions[index].Entity, fence);
        replacedFences.Add(index);
    }

    /// <summary>True when the action at <paramref name="index"/> is a gap insert turned into a fence's replacement.</summary>
    public bool ReplacesFence(int index) => replacedFences.Contains(index);

    private readonly HashSet<int> replacedFences = [];

    /// <summary>Names the entity at a failed index ("recovery", "G-7", "CR-2").</summary>
    public string Label(int? failedIndex) =>
        failedIndex is int i && i >= 0 && i < labels.Count ? labels[i]
        : labels.Count == 1 ? labels[0]
        : "changeset";

    private void Write(ITableEntity entity, string? version, string label)
    {
        var row = Row(entity, label);
        actions.Add(version is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, entity.ETag));
        labels.Add(label);
    }

    // A lesson or question row: guarded by the recovery row, which the same transaction writes with its ETag.
    private void Upsert(ITableEntity entity, string label)
    {
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(entity, label)));
        labels.Add(label);
    }

    private TableEntity Row(ITableEntity entity, string label)
    {
        if (!rowKeys.Add(entity.RowKey))
        {
            // A transaction may touch a row only once; the service would answer 400 for the whole batch.
            throw new InvalidOperationException($"The changeset writes {label} twice.");
        }
        // Checked here, before anything is sent: the service would refuse the whole transaction with a 400.
        return TableLimits.Checked(CompactRow.From(entity), label);
    }
}
