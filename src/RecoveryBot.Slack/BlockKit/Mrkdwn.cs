using System.Text;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>
/// Slack's text escaping, both ways. Out: the only mrkdwn we send is a message's fallback text, where &amp;, &lt; and
/// &gt; are escaped, so nothing in it is a link, mention or @channel. In: Slack sends typed text escaped the same way,
/// with its own tokens for what it recognised (<c>&lt;@U1&gt;</c>, <c>&lt;#C1|name&gt;</c>, <c>&lt;https://x|label&gt;</c>,
/// <c>&lt;!here&gt;</c>); <see cref="ToPlain"/> turns that into the plain text the person saw, keeping user mentions
/// as tokens for the command parser.
/// </summary>
internal static class Mrkdwn
{
    /// <summary>A Slack user id (<c>U…</c> or <c>W…</c>, capitals and digits), safe inside <c>&lt;@…&gt;</c>.</summary>
    public static bool IsUserId(string id) =>
        id.Length is >= 2 and <= 32 && id[0] is 'U' or 'W' && id.AsSpan(1).IndexOfAnyExcept(IdChars) < 0;

    private static readonly System.Buffers.SearchValues<char> IdChars = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny('<', '>', '&') < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text) sb.Append(c switch { '<' => "&lt;", '>' => "&gt;", '&' => "&amp;", _ => c.ToString() });
        return sb.ToString();
    }

    /// <summary>
    /// Text as the person typed it: <c>&lt;@U1|ana&gt;</c> stays (the parser reads mentions), <c>&lt;#C1|general&gt;</c>
    /// reads <c>#general</c>, <c>&lt;!here&gt;</c> reads <c>@here</c>, a link reads as its label (or its address), and
    /// Slack's entities are decoded.
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
                var label = bar >= 0 ? inner[(bar + 1)..] : ReadOnlySpan<char>.Empty;
                var target = bar >= 0 ? inner[..bar] : inner;
                if (inner.StartsWith("@")) sb.Append(text, i, close - i + 1);
                else if (inner.StartsWith("#")) sb.Append('#').Append(label.IsEmpty ? target[1..] : label);
                else if (inner.StartsWith("!")) sb.Append('@').Append(label.IsEmpty ? target[1..] : label);
                else if (target.StartsWith("mailto:")) sb.Append(label.IsEmpty ? target["mailto:".Length..] : label);
                else if (target.StartsWith("http://") || target.StartsWith("https://")) sb.Append(label.IsEmpty ? target : label);
                // Not one of Slack's tokens (Slack escapes what people type, so this came from elsewhere): kept as is.
                else sb.Append(text, i, close - i + 1);
                i = close;
            }
            else if (text.AsSpan(i).StartsWith("&lt;")) { sb.Append('<'); i += 3; }
            else if (text.AsSpan(i).StartsWith("&gt;")) { sb.Append('>'); i += 3; }
            else if (text.AsSpan(i).StartsWith("&amp;")) { sb.Append('&'); i += 4; }
            else sb.Append(text[i]);
        }
        return sb.ToString();
    }
}
