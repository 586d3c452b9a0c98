using System.Text;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Commands;

/// <summary>
/// Mentions as the channel adapters normalise them: <c>&lt;@U123ABC&gt;</c> or <c>&lt;@29:1abc|Dana Ruiz&gt;</c>.
/// </summary>
internal static class Mentions
{
    private const int MaxIdLength = 200;
    private const int MaxTokenLength = 400;

    /// <summary>Reads a mention starting at <paramref name="start"/>; <paramref name="end"/> is just past the closing <c>&gt;</c>.</summary>
    public static bool TryRead(string text, int start, out UserRef? user, out int end)
    {
        user = null;
        end = start;
        if (start + 2 >= text.Length || text[start] != '<' || text[start + 1] != '@') return false;
        var body = text.AsSpan(start + 2, Math.Min(MaxTokenLength, text.Length - start - 2));
        var close = body.IndexOf('>');
        if (close < 0) return false;
        body = body[..close];
        var bar = body.IndexOf('|');
        var id = bar < 0 ? body : body[..bar];
        var name = bar < 0 ? id : body[(bar + 1)..].Trim();
        if (id.IsEmpty || id.Length > MaxIdLength) return false;
        foreach (var c in id)
        {
            if (!IsIdChar(c)) return false;
        }
        var idText = id.ToString();
        user = new UserRef(idText, name.IsEmpty ? idText : name.ToString());
        end = start + 2 + close + 1;
        return true;
    }

    /// <summary>Free text keeps mentions readable on both platforms: <c>&lt;@U1|Ana&gt;</c> becomes <c>@Ana</c>.</summary>
    public static string ToPlainText(string text)
    {
        var at = text.IndexOf("<@", StringComparison.Ordinal);
        if (at < 0) return text;
        var plain = new StringBuilder(text.Length);
        var copied = 0;
        while (at >= 0)
        {
            if (TryRead(text, at, out var user, out var end))
            {
                plain.Append(text, copied, at - copied).Append('@').Append(user!.Name);
                copied = end;
                at = text.IndexOf("<@", end, StringComparison.Ordinal);
            }
            else
            {
                at = text.IndexOf("<@", at + 1, StringComparison.Ordinal);
            }
        }
        return plain.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.' or '@';
}
