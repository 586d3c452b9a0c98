using Azure;
using Azure.Data.Tables;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage.Entities;

/// <summary>
/// One lesson (RowKey <c>l|000003</c>) or question (<c>q|000003</c>) of a recovery, at its place in the list. Each is a
/// row, so the lists are not bounded by the 32K characters of one column; the recovery row keeps their counts.
/// </summary>
internal sealed class ListItemEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Text { get; set; } = "";
    public string? By { get; set; }
    public DateTimeOffset? At { get; set; }
    public int? Count { get; set; }
    public DateTimeOffset? FirstAsked { get; set; }
    public DateTimeOffset? LastAsked { get; set; }

    public static ListItemEntity From(RecoveryId id, int index, Lesson l) => new()
    {
        PartitionKey = id.Value, RowKey = RowKeys.Lesson(index), Text = l.Text, By = StorageJson.User(l.By), At = l.At,
    };

    public static ListItemEntity From(RecoveryId id, int index, Question q) => new()
    {
        PartitionKey = id.Value, RowKey = RowKeys.Question(index), Text = q.Text, Count = q.Count, FirstAsked = q.FirstAsked, LastAsked = q.LastAsked,
    };

    public Lesson ToLesson() => new(Text, StorageJson.RequiredUser(By, nameof(By)), At ?? default);

    public Question ToQuestion() => new(Text, Count ?? 1, FirstAsked ?? default, LastAsked ?? default);
}
