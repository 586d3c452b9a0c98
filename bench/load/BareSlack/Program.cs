using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

// The floor of bench/load: POST /slack/commands → Slack v0 signature check (HMAC-SHA256 over "v0:{ts}:{body}",
// timestamp within 5 minutes) → one fixed JSON reply. No routing beyond that, no logging, no storage.
// Usage: BareSlack --urls http://127.0.0.1:PORT   with SLACK_SIGNING_SECRET and optionally REPLY_FILE (the JSON to answer).
var secret = Environment.GetEnvironmentVariable("SLACK_SIGNING_SECRET");
if (string.IsNullOrEmpty(secret))
{
    Console.Error.WriteLine("SLACK_SIGNING_SECRET is not set.");
    return 2;
}
var key = Encoding.UTF8.GetBytes(secret);
var replyFile = Environment.GetEnvironmentVariable("REPLY_FILE");
var reply = string.IsNullOrEmpty(replyFile)
    ? """{"response_type":"ephemeral","text":"ok"}"""u8.ToArray()
    : File.ReadAllBytes(replyFile);

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.MapPost("/slack/commands", async (HttpContext http) =>
{
    var request = http.Request;
    var length = (int)(request.ContentLength ?? 0);
    if (length is <= 0 or > 64 * 1024) { http.Response.StatusCode = 400; return; }
    var buffer = ArrayPool<byte>.Shared.Rent(length);
    try
    {
        var read = 0;
        while (read < length)
        {
            var n = await request.Body.ReadAsync(buffer.AsMemory(read, length - read), http.RequestAborted);
            if (n == 0) break;
            read += n;
        }
        if (!Valid(key, request.Headers["X-Slack-Request-Timestamp"].ToString(), request.Headers["X-Slack-Signature"].ToString(), buffer.AsSpan(0, read)))
        {
            http.Response.StatusCode = 401;
            return;
        }
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }
    http.Response.ContentType = "application/json; charset=utf-8";
    http.Response.ContentLength = reply.Length;
    await http.Response.Body.WriteAsync(reply, http.RequestAborted);
});
await app.RunAsync();
return 0;

static bool Valid(byte[] key, string timestamp, string signature, ReadOnlySpan<byte> body)
{
    if (timestamp.Length is 0 or > 12 || signature.Length != 67 || !signature.StartsWith("v0=", StringComparison.Ordinal)) return false;
    if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
    if (Math.Abs(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - seconds) > 300) return false;
    var total = 4 + timestamp.Length + body.Length;
    var data = ArrayPool<byte>.Shared.Rent(total);
    try
    {
        var span = data.AsSpan(0, total);
        "v0:"u8.CopyTo(span);
        Encoding.ASCII.GetBytes(timestamp, span[3..]);
        span[3 + timestamp.Length] = (byte)':';
        body.CopyTo(span[(4 + timestamp.Length)..]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, span, mac);
        Span<byte> expected = stackalloc byte[67];
        "v0="u8.CopyTo(expected);
        Convert.TryToHexStringLower(mac, expected[3..], out _);
        Span<byte> given = stackalloc byte[67];
        Encoding.ASCII.GetBytes(signature, given);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(data);
    }
}
