using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RecoveryBot.Slack.Signing;

public enum SignatureCheck { Valid, MissingSecret, MissingHeaders, BadTimestamp, Stale, UnsupportedVersion, Mismatch }

/// <summary>
/// Verifies Slack's v0 request signature: <c>v0=hex(HMAC-SHA256(secret, "v0:{ts}:{raw body}"))</c>, compared in constant
/// time, with the timestamp at most five minutes away from now in either direction. Fails closed without a secret.
/// </summary>
public sealed class SlackSignature(string? signingSecret, TimeProvider time)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const int HashBytes = 32;
    private const int HexLength = 3 + (HashBytes * 2);
    private readonly byte[] _key = Encoding.UTF8.GetBytes(signingSecret ?? "");

    public SignatureCheck Verify(ReadOnlySpan<byte> body, string? timestamp, string? signature)
    {
        if (_key.Length == 0) return SignatureCheck.MissingSecret;
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return SignatureCheck.MissingHeaders;
        if (!signature.StartsWith("v0=", StringComparison.Ordinal)) return SignatureCheck.UnsupportedVersion;
        if (timestamp.Length > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.BadTimestamp;
        }
        var skew = time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs(skew) > (long)Window.TotalSeconds) return SignatureCheck.Stale;
        if (signature.Length != HexLength) return SignatureCheck.Mismatch;

        // "v0:" + ts + ":" + body in one pooled buffer: HashData is one-shot, so nothing else is allocated.
        var prefixLength = 4 + timestamp.Length;
        var total = prefixLength + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var data = rented.AsSpan(0, total);
            "v0:"u8.CopyTo(data);
            Encoding.ASCII.GetBytes(timestamp, data[3..]);
            data[prefixLength - 1] = (byte)':';
            body.CopyTo(data[prefixLength..]);
            Span<byte> mac = stackalloc byte[HashBytes];
            HMACSHA256.HashData(_key, data, mac);

            Span<byte> expected = stackalloc byte[HexLength];
            "v0="u8.CopyTo(expected);
            Convert.TryToHexStringLower(mac, expected[3..], out _);
            Span<byte> given = stackalloc byte[HexLength];
            // Non-ASCII characters become '?', which never matches a hex digit.
            Encoding.ASCII.GetBytes(signature, given);
            return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Signs a body as Slack would; for tests and local tools.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }
}
