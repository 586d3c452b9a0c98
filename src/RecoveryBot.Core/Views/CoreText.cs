namespace RecoveryBot.Core.Views;

/// <summary>A piece of a Core line: plain text, or a command in a code span.</summary>
public readonly record struct TextSpan(string Text, bool Code);

/// <summary>
/// The one markup Core text carries: a command in backticks (<c>`assign G-7 @user &lt;date&gt;`</c>), a CommonMark
/// code span on one line. Everything else is plain text, user input included (echoed input has its backticks
/// replaced, see <c>Echo</c>). Renderers split lines here, then escape each span for their platform.
/// </summary>
public static class CoreText
{
    public static IReadOnlyList<TextSpan> Spans(string text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        if (!text.Contains('`', StringComparison.Ordinal)) return [new TextSpan(text, false)];
        var spans = new List<TextSpan>();
        var plainFrom = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (CodeEnd(text, i) is not (var end and > 0)) continue;
            if (i > plainFrom) spans.Add(new TextSpan(text[plainFrom..i], false));
            spans.Add(new TextSpan(text[(i + 1)..(end - 1)], true));
            plainFrom = end;
            i = end - 1;
        }
        if (plainFrom < text.Length) spans.Add(new TextSpan(text[plainFrom..], false));
        return spans;
    }

    /// <summary>The text as a person reads it, without the backticks.</summary>
    public static string Plain(string text) => string.Concat(Spans(text).Select(s => s.Text));

    /// <summary>The end (just past the closing backtick) of a one-backtick code span at <paramref name="i"/> on this line, or 0.</summary>
    private static int CodeEnd(string text, int i)
    {
        if (text[i] != '`' || (i + 1 < text.Length && text[i + 1] == '`')) return 0;
        for (var j = i + 1; j < text.Length && text[j] is not ('\n' or '\r'); j++)
        {
            if (text[j] == '`') return j > i + 1 ? j + 1 : 0;
        }
        return 0;
    }
}
