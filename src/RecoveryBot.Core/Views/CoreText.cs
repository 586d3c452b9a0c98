using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Views;

/// <summary>
/// A piece of a Core line: plain text, a command in a code span, or a person (<see cref="Person"/> set, <see cref="Text"/>
/// their name) whom the renderer mentions so the platform notifies them.
/// </summary>
public readonly record struct TextSpan(string Text, bool Code, UserRef? Person = null);

/// <summary>
/// The markup Core text carries: a command in backticks (<c>`assign G-7 @user &lt;date&gt;`</c>), a CommonMark
/// code span on one line; and a person written by <see cref="Mention"/>, which each renderer turns into its
/// platform's real mention. Everything else is plain text, user input included (echoed input has its backticks
/// replaced, see <c>Echo</c>; the mention marks are private-use characters that parsing drops from user text).
/// Renderers split lines here, then escape each span for their platform.
/// </summary>
public static class CoreText
{
    /// <summary>Opens and closes a person reference: <c>\uE000id|name\uE001</c>.</summary>
    public const char PersonOpen = '\uE000';
    public const char PersonClose = '\uE001';

    /// <summary>The person as a mention in Core text; nobody reads "nobody".</summary>
    public static string Mention(UserRef? person) => person is null ? "nobody"
        : $"{PersonOpen}{Clean(person.Id).Replace('|', '_')}|{Clean(person.Name)}{PersonClose}";

    /// <summary>Text from people with the mention marks removed, so nobody can forge a mention.</summary>
    public static string Clean(string text) =>
        text.Contains(PersonOpen, StringComparison.Ordinal) || text.Contains(PersonClose, StringComparison.Ordinal)
            ? text.Replace(PersonOpen.ToString(), "", StringComparison.Ordinal).Replace(PersonClose.ToString(), "", StringComparison.Ordinal)
            : text;

    public static IReadOnlyList<TextSpan> Spans(string text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        if (!text.Contains('`', StringComparison.Ordinal) && !text.Contains(PersonOpen, StringComparison.Ordinal)) return [new TextSpan(text, false)];
        var spans = new List<TextSpan>();
        var plainFrom = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (TryReadPerson(text, i, out var person, out var past))
            {
                if (i > plainFrom) spans.Add(new TextSpan(text[plainFrom..i], false));
                spans.Add(new TextSpan(person!.Name, false, person));
                plainFrom = past;
                i = past - 1;
                continue;
            }
            if (CodeEnd(text, i) is not (var end and > 0)) continue;
            if (i > plainFrom) spans.Add(new TextSpan(text[plainFrom..i], false));
            spans.Add(new TextSpan(text[(i + 1)..(end - 1)], true));
            plainFrom = end;
            i = end - 1;
        }
        if (plainFrom < text.Length) spans.Add(new TextSpan(text[plainFrom..], false));
        return spans;
    }

    /// <summary>The text as a person reads it, without the backticks; people by name.</summary>
    public static string Plain(string text) => string.Concat(Spans(text).Select(s => s.Text));

    /// <summary>The text with each person reference replaced by the name, code spans kept (previews, logs).</summary>
    public static string Named(string text) =>
        !text.Contains(PersonOpen, StringComparison.Ordinal) ? text
            : string.Concat(Spans(text).Select(s => s.Code ? "`" + s.Text + "`" : s.Text));

    /// <summary>The people mentioned in the text, each once.</summary>
    public static IReadOnlyList<UserRef> People(string text) =>
        [.. Spans(text).Where(s => s.Person is not null).Select(s => s.Person!).DistinctBy(p => p.Id)];

    /// <summary>Reads a person reference opened at <paramref name="i"/>; <paramref name="end"/> is just past it.</summary>
    public static bool TryReadPerson(string text, int i, out UserRef? person, out int end)
    {
        person = null;
        end = i;
        if (PersonEnd(text, i) is not (var close and > 0)) return false;
        var body = text[(i + 1)..close];
        var bar = body.IndexOf('|', StringComparison.Ordinal);
        person = new UserRef(body[..bar], body[(bar + 1)..]);
        end = close + 1;
        return true;
    }

    /// <summary>The closing mark of a person reference opened at <paramref name="i"/> (with an id and a bar), or 0.</summary>
    private static int PersonEnd(string text, int i)
    {
        if (text[i] != PersonOpen) return 0;
        var close = text.IndexOf(PersonClose, i + 1);
        if (close < 0) return 0;
        var bar = text.IndexOf('|', i + 1, close - i - 1);
        return bar > i + 1 ? close : 0;
    }

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
