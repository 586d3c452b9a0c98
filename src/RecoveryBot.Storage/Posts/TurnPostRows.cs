using System.Security.Cryptography;
using Azure.Data.Tables;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage;

/// <summary>
/// The columns that keep a turn's posts on a row of the recovery's partition: <see cref="Posts"/> (the replies as
/// outbox payloads), <see cref="Host"/> (who sends them; cleared when all are sent) and <see cref="Sent"/> (how many
/// are out). They ride on a report's gap row, or on a row of their own keyed <c>~p|…</c>.
/// </summary>
internal static class TurnPostRows
{
    public const string Posts = "Posts";
    public const string Host = "PostHost"; // named literally in TableTurnOutbox's query filters
    public const string Sent = "PostsSent";

    /// <summary>The <see cref="Posts"/> of a report's gap row: the item's announcement, derived again from the row when needed.</summary>
    public const string Announcement = "announcement";

    public static void Attach(TableEntity row, string host, string json)
    {
        row[Posts] = json;
        row[Host] = host;
        row[Sent] = 0;
    }

    public static void Detach(TableEntity row)
    {
        row.Remove(Posts);
        row.Remove(Host);
        row.Remove(Sent);
    }

    public static TableEntity Create(RecoveryId id, string host, string json)
    {
        var row = new TableEntity(id.Value, RowKeys.PostsPrefix + RandomNumberGenerator.GetHexString(20, lowercase: true));
        Attach(row, host, json);
        return row;
    }

    public static bool IsOwnRow(string rowKey) => rowKey.StartsWith(RowKeys.PostsPrefix, StringComparison.Ordinal);
}
