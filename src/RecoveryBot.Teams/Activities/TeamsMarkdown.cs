using System.Text;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Activities;

/// <summary>
/// Core's text (plain words, with user input mixed in) made to display literally in Teams, which renders message
/// text as markdown plus an HTML subset, and Adaptive Card TextBlocks and facts as a CommonMark subset. Core lines
/// carry one markup of their own, <c>`code`</c> spans (commands, quoted input), which messages keep; everything
/// else is escaped, so a title like <c>&lt;b&gt;x&lt;/b&gt; **x** [x](http://y)</c> reads as typed.
/// </summary>
internal static class TeamsMarkdown
{
    /// <summary>
    /// Message text (textFormat markdown): code spans and bare http(s) URLs kept as they are, &amp; &lt; &gt; as
    /// entities (Teams reads HTML too, so <c>&lt;at&gt;</c> could otherwise look like a mention), markdown
    /// punctuation backslash-escaped.
    /// </summary>
    public static string Message(string text) => Escape(text, card: false);

    /// <summary>
    /// Fact text (the one markdown place left in our cards): markdown is backslash-escaped, and so are &amp;, &lt; and
    /// &gt;, because card renderers differ: the Agents Playground reads HTML and entities in card markdown, so a raw
    /// <c>&lt;b&gt;</c> would vanish and an entity would be decoded; backslash escapes read as the character everywhere.
    /// </summary>
    public static string Card(string text) => Escape(text, card: true);

    /// <summary>How a mentioned person reads in message text; the activity's mention entity carries the same text.</summary>
    public static string At(string name) => "<at>" + Escape(name, card: false) + "</at>";

    /// <summary>The mention entities for the people Core mentions in <paramref name="lines"/>, each once.</summary>
    public static IReadOnlyList<Entity>? MentionEntities(IEnumerable<string> lines)
    {
        var people = lines.SelectMany(CoreText.People).DistinctBy(p => p.Id).ToList();
        return people.Count == 0 ? null
            : [.. people.Select(p => new Entity { Type = "mention", Text = At(p.Name), Mentioned = new ChannelAccount { Id = p.Id, Name = p.Name } })];
    }

    private static string Escape(string text, bool card)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                sb.Append(c);
                i++;
                lineStart = true;
                continue;
            }
            if (lineStart)
            {
                lineStart = false;
                // Leading blanks are dropped: four of them would make the line a code block, which shows escapes as typed.
                while (i < text.Length && text[i] is ' ' or '\t') i++;
                i = BlockMarker(text, i, card, sb);
                continue;
            }
            if (CoreText.TryReadPerson(text, i, out var person, out var past))
            {
                // A person Core mentions: a real mention in a message, the name on a card.
                sb.Append(card ? Escape(person!.Name, card: true) : At(person!.Name));
                i = past;
                continue;
            }
            var code = card ? 0 : CodeSpanEnd(text, i);
            if (code < 0)
            {
                // A code span that cannot stay code: its text, escaped, without the backticks.
                var end = -code;
                var run = 0;
                while (text[i + run] == '`') run++;
                sb.Append(Escape(text[(i + run)..(end - run)], card: false));
                i = end;
                continue;
            }
            var kept = card ? 0 : Math.Max(code, UrlEnd(text, i));
            if (kept > i)
            {
                sb.Append(text, i, kept - i);
                i = kept;
                continue;
            }
            if (!card && c is '&' or '<' or '>') sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", _ => "&gt;" });
            else if (card && c is '&' or '<' or '>') sb.Append('\\').Append(c);
            // The card renderers' own parser (Teams mobile) starts a link at "](" even after an escaped "]".
            else if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '~' || (card && c == '(' && i > 0 && text[i - 1] == ']')) sb.Append('\\').Append(c);
            else sb.Append(c);
            i++;
        }
        return sb.ToString();
    }

    /// <summary>
    /// What only counts at the start of a line (heading, quote, list item, setext underline, table row) is
    /// escaped there; returns where normal escaping resumes.
    /// </summary>
    private static int BlockMarker(string text, int i, bool card, StringBuilder sb)
    {
        if (i >= text.Length) return i;
        // In a message '>' becomes &gt;, which no renderer reads as a quote; a card needs the backslash.
        if (text[i] is '#' or '-' or '+' or '=' or '|' || (card && text[i] == '>'))
        {
            sb.Append('\\').Append(text[i]);
            return i + 1;
        }
        var digits = i;
        while (digits < text.Length && digits - i < 10 && char.IsAsciiDigit(text[digits])) digits++;
        if (digits == i || digits >= text.Length || text[digits] is not ('.' or ')')) return i;
        sb.Append(text, i, digits - i).Append('\\').Append(text[digits]);
        return digits + 1;
    }

    /// <summary>
    /// The end of a CommonMark code span starting at <paramref name="i"/> on this line, or 0. A span holding &lt;, &gt;
    /// or &amp; is not kept: entities do not work inside code, and Teams clients show such a span's raw characters
    /// as entities (the Agents Playground shows <c>`start &lt;name&gt;`</c> as "start &amp;lt;name&amp;gt;"), so its
    /// backticks are dropped and its text escaped like the rest.
    /// </summary>
    private static int CodeSpanEnd(string text, int i)
    {
        if (text[i] != '`' || (i > 0 && text[i - 1] == '`')) return 0;
        var run = 0;
        while (i + run < text.Length && text[i + run] == '`') run++;
        for (var j = i + run; j < text.Length && text[j] is not ('\n' or '\r');)
        {
            if (text[j] != '`') { j++; continue; }
            var close = 0;
            while (j + close < text.Length && text[j + close] == '`') close++;
            if (close == run) return text.AsSpan(i + run, j - i - run).IndexOfAny('<', '>', '&') >= 0 ? -(j + close) : j + close;
            j += close;
        }
        return 0;
    }

    /// <summary>
    /// The end of a bare http(s) URL at <paramref name="i"/>, or 0. Kept as sent so it stays one working link
    /// (a backslash inside would break it); markdown and HTML characters end it, and trailing punctuation is left
    /// out, as GitHub-flavoured autolinks do.
    /// </summary>
    private static int UrlEnd(string text, int i)
    {
        if (text[i] is not ('h' or 'H') || (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1]))) return 0;
        var span = text.AsSpan(i);
        var scheme = span.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : span.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : 0;
        if (scheme == 0) return 0;
        var end = i + scheme;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || "-._~:/?#@!$&'()+,;=%".Contains(text[end], StringComparison.Ordinal))) end++;
        while (end > i + scheme && ".,:;!?_~'()".Contains(text[end - 1], StringComparison.Ordinal)) end--;
        return end > i + scheme ? end : 0;
    }
}
