using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LoadKit;

/// <summary>
/// Writes slash-command requests signed as Slack signs them (v0, HMAC-SHA256 over "v0:{ts}:{body}"), one per line as
/// <c>timestamp TAB signature TAB body</c>, for bench/load/slack.lua. The timestamp is now, so a file is good for 5 minutes.
/// Kinds: <c>help</c> (one request), <c>start</c> (one per channel), <c>gap</c> (<c>--count</c> requests, each with its own
/// title "… {prefix}-{n}", round-robin over <c>--channels</c> channels and <c>--users</c> users).
/// </summary>
internal static class SignedRequests
{
    public const string Team = "T0BENCH";

    public static string Channel(int i) => "C0BENCH" + i.ToString("D3", CultureInfo.InvariantCulture);

    public static int Write(Args args)
    {
        var secret = Encoding.UTF8.GetBytes(args["secret"]);
        var kind = args["kind"];
        var channels = args.Int("channels", 50);
        var users = args.Int("users", 5);
        var prefix = args.Get("prefix", "s");
        var ts = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var output = new StreamWriter(args["out"], false, new UTF8Encoding(false));
        output.NewLine = "\n";

        void Line(string channel, string user, string text)
        {
            var body = Body(channel, user, text);
            output.WriteLine($"{ts}\t{Sign(secret, ts, body)}\t{body}");
        }

        switch (kind)
        {
            case "help":
                Line("C0BENCHHELP", "U0BENCHHELP", "help");
                break;
            case "start":
                for (var c = 0; c < channels; c++) Line(Channel(c), "U0BENCHLEAD", $"start Bench recovery {c} tz UTC");
                break;
            case "gap":
                var count = args.Int("count", 60_000);
                for (var i = 0; i < count; i++)
                {
                    Line(Channel(i % channels), "U0BENCH" + (i % users).ToString("D2", CultureInfo.InvariantCulture),
                        $"gap Export drops umlauts in the monthly report {prefix}-{i}");
                }
                break;
            default:
                Console.Error.WriteLine($"unknown kind {kind}");
                return 2;
        }
        return 0;
    }

    private static string Body(string channel, string user, string text) => string.Join('&',
        "token=benchverificationtoken",
        "team_id=" + Team,
        "team_domain=bench",
        "channel_id=" + channel,
        "channel_name=recovery-bench",
        "user_id=" + user,
        "user_name=" + user.ToLowerInvariant(),
        "command=%2Frecovery",
        "text=" + Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal),
        "api_app_id=A0BENCH",
        "is_enterprise_install=false",
        "response_url=" + Uri.EscapeDataString("https://hooks.slack.com/commands/T0BENCH/1/bench"),
        "trigger_id=13345224609.738474920.8088930838d88f008e0");

    private static string Sign(byte[] secret, string ts, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"v0:{ts}:{body}")));
}
