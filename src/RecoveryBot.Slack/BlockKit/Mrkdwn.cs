using System.Text;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>
/// Makes text safe for Slack mrkdwn. Text that came from Slack keeps its user mentions, channel links and URLs
/// (<c>&lt;@U1&gt;</c>, <c>&lt;#C1&gt;</c>, <c>&lt;https://…&gt;</c>); special mentions such as <c>&lt;!channel&gt;</c>
/// are defused so that a reposted gap title never pings everyone; any other angle bracket or bare ampersand is escaped.
/// </summary>
internal static class Mrkdwn
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny('<', '>', '&') < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<' && KeptToken(text, i) is var end and > 0)
            {
                sb.Append(text, i, end - i);
                i = end - 1;
            }
            else if (c == '&' && IsEntity(text, i)) sb.Append('&');
            else sb.Append(c switch { '<' => "&lt;", '>' => "&gt;", '&' => "&amp;", _ => c.ToString() });
        }
        return sb.ToString();
    }

    /// <summary>
    /// Text for plain_text fields (headers, buttons): Slack markup reads as people see it, <c>&lt;@U1|Ana&gt;</c> as
    /// <c>@Ana</c> and <c>&lt;https://x|label&gt;</c> as <c>label</c>, and entities are decoded.
    /// </summary>
    public static string ToPlain(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny('<', '&') < 0) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '<' && text.IndexOf('>', i + 1) is var close and > 0 && close - i <= 600)
            {
                var inner = text.AsSpan(i + 1, close - i - 1);
                var bar = inner.IndexOf('|');
                var shown = bar >= 0 ? inner[(bar + 1)..] : inner;
                if (inner.StartsWith("@") || inner.StartsWith("#")) sb.Append(inner[0]);
                else if (inner.StartsWith("!")) sb.Append('@');
                sb.Append(bar >= 0 || !(inner.StartsWith("@") || inner.StartsWith("#") || inner.StartsWith("!")) ? shown : shown[1..]);
                i = close;
            }
            else if (text.AsSpan(i).StartsWith("&lt;")) { sb.Append('<'); i += 3; }
            else if (text.AsSpan(i).StartsWith("&gt;")) { sb.Append('>'); i += 3; }
            else if (text.AsSpan(i).StartsWith("&amp;")) { sb.Append('&'); i += 4; }
            else sb.Append(text[i]);
        }
        return sb.ToString();
    }

    /// <summary>Bold text for a label, with the asterisks the user typed removed.</summary>
    public static string Bold(string text) => $"*{Escape(text.Replace("*", "", StringComparison.Ordinal))}*";

    private static int KeptToken(string text, int start)
    {
        var close = text.IndexOf('>', start + 1);
        if (close < 0 || close - start > 600) return 0;
        var inner = text.AsSpan(start + 1, close - start - 1);
        if (inner.IndexOfAny('<', '\n') >= 0) return 0;
        var kept = inner.StartsWith("@U") || inner.StartsWith("@W") || inner.StartsWith("#C")
            || inner.StartsWith("http://") || inner.StartsWith("https://") || inner.StartsWith("mailto:");
        return kept ? close + 1 : 0;
    }

    private static bool IsEntity(string text, int at) =>
        text.AsSpan(at).StartsWith("&amp;") || text.AsSpan(at).StartsWith("&lt;") || text.AsSpan(at).StartsWith("&gt;");
}
