using System.Text;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Commands;

/// <summary>One word of a command line. A mention is one token even when its display name has spaces.</summary>
internal readonly record struct Token(string Text, int Start, UserRef? Mention = null)
{
    public bool Is(string word) => string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
}

internal static class Tokenizer
{
    /// <summary>
    /// One clean line: control characters and whitespace runs become one space, invisible and
    /// bidi-control characters are dropped, a lone surrogate becomes U+FFFD, and the ends are trimmed.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var line = new StringBuilder(text.Length);
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                Append(c);
                line.Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c)) c = '\uFFFD';
            if (char.IsWhiteSpace(c) || char.IsControl(c)) space = line.Length > 0;
            else if (!IsInvisible(c)) Append(c);
        }
        return line.ToString();

        void Append(char c)
        {
            if (space) line.Append(' ');
            space = false;
            line.Append(c);
        }
    }

    /// <summary>Splits a normalized line at spaces, keeping each <c>&lt;@id|Name&gt;</c> mention whole.</summary>
    public static List<Token> Tokenize(string line)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                i++;
                continue;
            }
            var start = i;
            if (Mentions.TryRead(line, start, out var user, out var end))
            {
                tokens.Add(new Token(line[start..end], start, user));
                i = end;
                continue;
            }
            while (i < line.Length && line[i] != ' ') i++;
            tokens.Add(new Token(line[start..i], start));
        }
        return tokens;
    }

    // Zero-width spaces, word joiners, BOMs and bidi overrides hide or reorder text; ZWJ/ZWNJ stay for emoji and scripts.
    // Core's mention marks are dropped too, so typed text can never mention anyone.
    private static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF' or Views.CoreText.PersonOpen or Views.CoreText.PersonClose
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}
