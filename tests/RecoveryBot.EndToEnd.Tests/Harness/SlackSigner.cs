using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RecoveryBot.EndToEnd.Tests.Harness;

/// <summary>
/// Slack's v0 request signing, written out here (not borrowed from the bot) so the tests check the host against the
/// published algorithm: <c>v0=hex(HMAC-SHA256(signing secret, "v0:{timestamp}:{raw body}"))</c>.
/// </summary>
public static class SlackSigner
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data, prefix.Length);
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string Now() => Timestamp(TimeProvider.System.GetUtcNow());
}
