using Azure;
using Azure.Data.Tables;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage.Entities;

/// <summary>One history event; RowKey = <c>h|gap|inverted ticks|suffix</c> (see <see cref="RowKeys.History"/>).</summary>
internal sealed class HistoryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>0 for recovery-level events.</summary>
    public int Gap { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string What { get; set; } = "";
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Note { get; set; }

    public static HistoryEntity Create(RecoveryId recovery, HistoryEvent e, string suffix) => new()
    {
        PartitionKey = recovery.Value,
        RowKey = RowKeys.History(e.Gap, e.At, suffix),
        Gap = e.Gap?.Number ?? 0,
        At = e.At,
        Actor = StorageJson.User(e.Actor)!,
        What = e.What,
        From = e.From,
        To = e.To,
        Note = e.Note,
    };

    public HistoryEvent ToModel() => new(
        Gap == 0 ? null : new GapId(Gap),
        At,
        StorageJson.RequiredUser(Actor, nameof(Actor)),
        What,
        From,
        To,
        Note);
}
