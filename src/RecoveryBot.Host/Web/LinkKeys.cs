using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryBot.Storage;

namespace RecoveryBot.Host.Web;

/// <summary>
/// The key that signs summary links: <c>Web__LinkKey</c> when set, else one generated once and stored beside the
/// recoveries, so every instance and every restart signs and checks with the same key.
/// </summary>
public sealed class LinkKeys(IOptions<WebOptions> options, TableStorage storage, ILogger<LinkKeys> log)
{
    private const string Partition = "~settings";
    private const string Row = "linkkey";
    private byte[]? _key = Configured(options.Value.LinkKey);

    public byte[]? Current => _key;

    public async Task<byte[]?> GetAsync(CancellationToken ct)
    {
        if (_key is not null) return _key;
        try
        {
            var table = storage.Recoveries;
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct);
            if (existing.HasValue && existing.Value!.GetString("Key") is { } stored) return _key = Convert.FromBase64String(stored);
            var fresh = RandomNumberGenerator.GetBytes(32);
            try
            {
                await table.AddEntityAsync(new TableEntity(Partition, Row) { ["Key"] = Convert.ToBase64String(fresh) }, ct);
                return _key = fresh;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Another instance stored its key first; use that one.
                var winner = await table.GetEntityAsync<TableEntity>(Partition, Row, cancellationToken: ct);
                return _key = Convert.FromBase64String(winner.Value.GetString("Key"));
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException)
        {
            log.LogWarning("Summary link key not available yet: {Reason}", ex.GetType().Name);
            return null;
        }
    }

    private static byte[]? Configured(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var bytes = Convert.FromBase64String(text);
            return bytes.Length >= 32 ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
