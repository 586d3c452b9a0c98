using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace RecoveryBot.EndToEnd.Tests.Harness;

/// <summary>
/// Reads what the host stored in Azurite, straight from the tables (no bot code): the recovery row, gap rows
/// (<c>g|…</c>), change requests (<c>cr|…</c>) and history (<c>h|…</c>) in the partition of one channel's recovery.
/// </summary>
public sealed class StoredState(TableServiceClient service, string prefix)
{
    private TableClient Recoveries => service.GetTableClient(prefix + "recoveries");

    /// <summary>The recovery id of a Slack channel: "r" + the first 12 bytes of SHA-256("slack\n{team}\n{channel}"), hex.</summary>
    public static string RecoveryId(string team, string channel) =>
        "r" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"slack\n{team}\n{channel}")), 0, 12);

    /// <summary>The channel's later recoveries: the same hash over "slack\n{team}\n{channel}\n{generation}".</summary>
    public static string RecoveryId(string team, string channel, int generation) => generation == 0 ? RecoveryId(team, channel) :
        "r" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"slack\n{team}\n{channel}\n{generation}")), 0, 12);

    public async Task<TableEntity?> RecoveryAsync(string team, string channel, int generation)
    {
        var row = await Recoveries.GetEntityIfExistsAsync<TableEntity>(RecoveryId(team, channel, generation), "recovery");
        return row.HasValue ? row.Value : null;
    }

    public async Task<TableEntity?> RecoveryAsync(string team, string channel)
    {
        var row = await Recoveries.GetEntityIfExistsAsync<TableEntity>(RecoveryId(team, channel), "recovery");
        return row.HasValue ? row.Value : null;
    }

    public Task<IReadOnlyList<TableEntity>> GapsAsync(string team, string channel) => RangeAsync(team, channel, "g|");

    public Task<IReadOnlyList<TableEntity>> ChangesAsync(string team, string channel) => RangeAsync(team, channel, "cr|");

    public Task<IReadOnlyList<TableEntity>> HistoryAsync(string team, string channel) => RangeAsync(team, channel, "h|");

    /// <summary>
    /// Every recovery's rows in the whole table (to prove a refused request stored nothing anywhere); the host's own
    /// settings partition (<c>~settings</c>: the summary link key) is left out.
    /// </summary>
    public async Task<IReadOnlyList<TableEntity>> AllRecoveryRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var e in Recoveries.QueryAsync<TableEntity>()) if (!e.PartitionKey.StartsWith('~')) rows.Add(e);
        return rows;
    }

    public async Task<TableEntity> GapAsync(string team, string channel, int number) =>
        (await GapsAsync(team, channel)).Single(g => g.RowKey == "g|" + number.ToString("D10", System.Globalization.CultureInfo.InvariantCulture));

    public async Task<TableEntity?> ChangeAsync(string team, string channel, int number) =>
        (await ChangesAsync(team, channel)).SingleOrDefault(c => c.RowKey == "cr|" + number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The user id in a stored person column (JSON <c>{"id":…,"name":…}</c>).</summary>
    public static string? UserId(TableEntity e, string column) =>
        e.GetString(column) is { Length: > 0 } json ? JsonDocument.Parse(json).RootElement.GetProperty("id").GetString() : null;

    private async Task<IReadOnlyList<TableEntity>> RangeAsync(string team, string channel, string rowPrefix)
    {
        var pk = RecoveryId(team, channel);
        var upper = rowPrefix[..^1] + "}";
        var rows = new List<TableEntity>();
        await foreach (var e in Recoveries.QueryAsync<TableEntity>(x => x.PartitionKey == pk && x.RowKey.CompareTo(rowPrefix) >= 0 && x.RowKey.CompareTo(upper) < 0))
        {
            rows.Add(e);
        }
        return rows;
    }
}
