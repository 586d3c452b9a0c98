using System.Runtime.CompilerServices;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Testing;

/// <summary>
/// What any rendering of a document must show, whatever the platform: its title, every fact's label and value, every
/// section heading, line and footer, every note, link label, button label and input label (Core's code-span
/// backticks aside). Both renderers' contract tests check their output against this same list.
/// </summary>
public static class DocContract
{
    public static IEnumerable<string> Shown(CardDoc doc)
    {
        yield return doc.Title;
        if (doc.Context is { } context) yield return context;
        if (doc.Banner is { } banner) yield return banner.Text;
        foreach (var f in doc.Facts) { yield return f.Label; yield return f.Value; }
        foreach (var s in doc.Sections)
        {
            if (s.Heading is { } h) yield return h;
            foreach (var l in s.Lines) yield return l;
            if (s.Footer is { } footer) yield return footer;
        }
        foreach (var n in doc.Notes) yield return n;
        foreach (var l in doc.Links) yield return l.Label;
        foreach (var a in doc.Actions) yield return a.Label;
        foreach (var i in doc.Inputs) yield return i.Label;
    }

    /// <summary>
    /// Every string of <see cref="Shown"/>, as plain text, that <paramref name="visible"/> lacks. <paramref name="person"/>
    /// is how the platform shows a mentioned person (by default their name).
    /// </summary>
    public static List<string> Missing(CardDoc doc, string visible, Func<RecoveryBot.Core.Model.UserRef, string>? person = null) =>
        [.. Shown(doc).Select(s => person is null ? CoreText.Plain(s)
                : string.Concat(CoreText.Spans(s).Select(x => x.Person is { } p ? person(p) : x.Text)))
            .Where(s => !visible.Contains(s, StringComparison.Ordinal))];

    /// <summary>
    /// Compares <paramref name="actual"/> with the golden file (tests/cards/golden/&lt;platform&gt;/&lt;name&gt;.json),
    /// reviewed by eye once. A missing file is written (and fails under CI); UPDATE_GOLDEN=1 rewrites them all.
    /// </summary>
    public static void Golden(string platform, string name, string actual, [CallerFilePath] string caller = "")
    {
        var dir = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", "cards", "golden", platform));
        var path = Path.Combine(dir, name + ".json");
        var ci = Environment.GetEnvironmentVariable("CI") is "true" or "1";
        if (!File.Exists(path) || Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            if (ci && !File.Exists(path)) Assert.Fail($"golden file {path} is missing; run the tests once locally and review it");
            Directory.CreateDirectory(dir);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }
}
