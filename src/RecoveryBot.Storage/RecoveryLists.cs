using System.Collections.Immutable;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Entities;

namespace RecoveryBot.Storage;

/// <summary>
/// A recovery's lessons and questions: one row each beside the recovery row, read with it when it counts any. Rows
/// written before then kept both lists as JSON in one column each; the first read moves them to rows (the item rows
/// first, then the recovery row without the columns, guarded by its ETag), so an upgrade loses nothing.
/// </summary>
internal sealed class RecoveryLists(TableClient table, ILogger log)
{
    /// <summary>The recovery with its lists, or null to read the row again (it was just moved to rows).</summary>
    public async Task<Recovery?> CompleteAsync(RecoveryEntity row, CancellationToken ct)
    {
        if (row.HasLegacyLists())
        {
            await MoveToRowsAsync(row, ct);
            return null;
        }
        var model = row.ToModel();
        if ((row.LessonCount ?? 0) == 0 && (row.QuestionCount ?? 0) == 0) return model;
        var lessons = new SortedList<int, Lesson>();
        var questions = new SortedList<int, Question>();
        var (from, to) = RowKeys.ListItemRange;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {row.PartitionKey} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var item in table.QueryAsync<ListItemEntity>(filter, 1000, cancellationToken: ct))
        {
            var index = RowKeys.ItemIndex(item.RowKey);
            // Counts are written in the same transaction as the rows; a row past them belongs to no committed list.
            if (item.RowKey.StartsWith(RowKeys.LessonPrefix, StringComparison.Ordinal) && index < row.LessonCount) lessons[index] = item.ToLesson();
            else if (item.RowKey.StartsWith(RowKeys.QuestionPrefix, StringComparison.Ordinal) && index < row.QuestionCount) questions[index] = item.ToQuestion();
        }
        return model with { Lessons = [.. lessons.Values], Questions = [.. questions.Values] };
    }

    /// <summary>The item rows a changeset writes: all of an inserted recovery's, else those it adds or changes.</summary>
    public static IEnumerable<(ListItemEntity Row, string Label)> Rows(Core.App.Changeset changes)
    {
        if (changes.RecoveryRow is not { } r)
        {
            if (changes.Lessons.Count + changes.Questions.Count > 0)
            {
                throw new InvalidOperationException("Lessons and questions are written with their recovery row.");
            }
            yield break;
        }
        var lessons = r.Version is null ? r.Lessons.Select((l, i) => new Core.App.Indexed<Lesson>(i, l)) : changes.Lessons;
        var questions = r.Version is null ? r.Questions.Select((q, i) => new Core.App.Indexed<Question>(i, q)) : changes.Questions;
        foreach (var l in lessons)
        {
            if (l.Index < 0 || l.Index >= r.Lessons.Count) throw new InvalidOperationException($"Lesson {l.Index} is not in the recovery's list.");
            yield return (ListItemEntity.From(r.Id, l.Index, l.Item), "lesson " + (l.Index + 1));
        }
        foreach (var q in questions)
        {
            if (q.Index < 0 || q.Index >= r.Questions.Count) throw new InvalidOperationException($"Question {q.Index} is not in the recovery's list.");
            yield return (ListItemEntity.From(r.Id, q.Index, q.Item), "question " + (q.Index + 1));
        }
    }

    private async Task MoveToRowsAsync(RecoveryEntity row, CancellationToken ct)
    {
        var lessons = StorageJson.List(row.Lessons, StorageJson.Lessons);
        var questions = StorageJson.List(row.Questions, StorageJson.Questions);
        var items = lessons.Select((l, i) => ListItemEntity.From(new RecoveryId(row.PartitionKey), i, l))
            .Concat(questions.Select((q, i) => ListItemEntity.From(new RecoveryId(row.PartitionKey), i, q)))
            .Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, CompactRow.From(e)))
            .ToList();
        // Upserts by place: a second host moving the same lists at the same time writes the same rows.
        foreach (var chunk in items.Chunk(ChangesetBatch.MaxOperations)) await table.SubmitTransactionAsync(chunk, ct);
        var etag = row.ETag;
        row.Lessons = null;
        row.Questions = null;
        row.LessonCount = lessons.IsEmpty ? null : lessons.Count;
        row.QuestionCount = questions.IsEmpty ? null : questions.Count;
        try
        {
            await table.UpdateEntityAsync(CompactRow.From(row), etag, TableUpdateMode.Replace, ct);
            log.LogInformation("Moved {Lessons} lessons and {Questions} questions of {Recovery} to rows of their own",
                lessons.Count, questions.Count, row.PartitionKey);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Another host moved them, or the row changed: the caller reads it again.
        }
    }
}
