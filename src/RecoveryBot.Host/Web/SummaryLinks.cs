using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Host.Web;

/// <summary>
/// Signed summary links: <c>sig = {expiry}.{HMAC(key, id|generation|expiry)}</c>. A tampered, expired or rotated
/// (<c>summary rotate</c> bumps the generation) signature fails verification.
/// </summary>
public sealed class SummaryLinks(LinkKeys keys, IOptions<WebOptions> options, TimeProvider time) : ISummaryLinks
{
    public string SummaryUrl(Recovery recovery) => Url(recovery, "summary");

    public string LogUrl(Recovery recovery) => Url(recovery, "summary") + "#log";

    public string RetroUrl(Recovery recovery) => Url(recovery, "retro.md");

    public string Url(Recovery recovery, string page)
    {
        if (keys.Current is not { } key) return "(the summary link is unavailable until storage is reachable)";
        var expiry = time.GetUtcNow().Add(options.Value.LinkLifetime).ToUnixTimeSeconds();
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        return $"{baseUrl}/recoveries/{recovery.Id}/{page}?sig={Sign(key, recovery, expiry)}";
    }

    public bool Verify(Recovery recovery, string? sig)
    {
        if (keys.Current is not { } key || string.IsNullOrEmpty(sig) || sig.Length > 200) return false;
        var dot = sig.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(sig.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)) return false;
        if (expiry < time.GetUtcNow().ToUnixTimeSeconds()) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(key, recovery, expiry));
        var given = Encoding.ASCII.GetBytes(sig);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static string Sign(byte[] key, Recovery recovery, long expiry)
    {
        var data = Encoding.UTF8.GetBytes($"{recovery.Id}|{recovery.LinkGeneration}|{expiry}");
        var mac = Convert.ToBase64String(HMACSHA256.HashData(key, data)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{expiry.ToString(CultureInfo.InvariantCulture)}.{mac}";
    }
}
