using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;

namespace RecoveryBot.Teams.Cards;

/// <summary>
/// The text styles every card uses. Core text goes into RichTextBlocks of TextRuns, shown literally by every Adaptive
/// Card renderer (no markdown, no HTML, no entities), with Core's code spans as monospace runs. Only facts are
/// markdown (a FactSet has no runs), so they are escaped (<see cref="TeamsMarkdown.Card"/>).
/// </summary>
internal static class Blocks
{
    /// <summary>Core already bounds titles (200) and notes (1000); this only guards against anything longer.</summary>
    public const int MaxText = 2000;

    /// <summary>A title, shown as typed (it is data: a gap's title, never Core markup).</summary>
    public static RichTextBlock Title(string text) => new([new TextRun(Clip(text)) { Size = "Medium", Weight = "Bolder" }]);

    /// <summary>Small text shown as typed (the recovery's name).</summary>
    public static RichTextBlock Context(string text) => new([new TextRun(Clip(text)) { IsSubtle = true }]) { Spacing = "None" };

    public static RichTextBlock Subtle(string text) => Rich(text, r => r with { IsSubtle = true }) with { Spacing = "None" };

    public static RichTextBlock Text(string text) => Rich(text);

    public static RichTextBlock Heading(string text) => Rich(text, r => r with { Weight = "Bolder" }) with { Spacing = "Medium" };

    public static RichTextBlock Banner(Banner b) => Rich(b.Text, r => r with
    {
        Weight = "Bolder",
        Color = b.Tone switch { Tone.Good => "Good", Tone.Attention => "Attention", _ => null },
    });

    public static RichTextBlock Bullet(string text) =>
        new RichTextBlock([new TextRun("• "), .. Runs(text, null)]) { Spacing = "Small" };

    public static CardFact Fact(Fact f) =>
        new(TeamsMarkdown.Card(Clip(f.Label)), TeamsMarkdown.Card(Clip(string.IsNullOrWhiteSpace(f.Value) ? "—" : f.Value)));

    /// <summary>A card the way every message has it: full width in Teams.</summary>
    public static AdaptiveCard Card(IReadOnlyList<CardElement> body, IReadOnlyList<CardButton>? actions = null) => new()
    {
        Body = body,
        Actions = actions is { Count: > 0 } ? actions : null,
        Msteams = new TeamsCardOptions("Full"),
    };

    public static string Clip(string text) => text.Length <= MaxText ? text : text[..(MaxText - 1)] + "…";

    private static RichTextBlock Rich(string text, Func<TextRun, TextRun>? style = null) => new([.. Runs(text, style)]);

    private static IEnumerable<TextRun> Runs(string text, Func<TextRun, TextRun>? style) =>
        CoreText.Spans(Clip(text)).Select(s =>
        {
            var run = new TextRun(s.Text) { FontType = s.Code ? "Monospace" : null };
            return style is null ? run : style(run);
        });
}
