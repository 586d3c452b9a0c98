using System.Globalization;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;

namespace RecoveryBot.Teams.Cards;

/// <summary>
/// The few text styles every card uses, and the clipping that keeps one card well inside Teams' size limit.
/// Every text given here is plain text (Core's words and the user's): it is escaped so that card markdown in a
/// title or note shows as typed.
/// </summary>
internal static class Blocks
{
    /// <summary>Core already bounds titles (200) and notes (1000); this only guards against anything longer.</summary>
    public const int MaxText = 2000;

    public static TextBlock Title(string text) => new(Plain(text)) { Size = "Medium", Weight = "Bolder" };

    public static TextBlock Subtle(string text) => new(Plain(text)) { IsSubtle = true, Spacing = "None" };

    public static TextBlock Text(string text) => new(Plain(text));

    public static TextBlock Heading(string text) => new(Plain(text)) { Weight = "Bolder", Spacing = "Medium" };

    public static TextBlock Good(string text) => new(Plain(text)) { Color = "Good", Weight = "Bolder" };

    public static TextBlock Attention(string text) => new(Plain(text)) { Color = "Attention", Weight = "Bolder" };

    public static TextBlock Bullet(string text) => new("• " + Plain(text)) { Spacing = "Small" };

    /// <summary>A bullet that starts with a time Teams shows in the reader's zone (the date function stays unescaped).</summary>
    public static TextBlock Bullet(DateTimeOffset at, string text) => new($"• {LocalTime(at)} — {Plain(text)}") { Spacing = "Small" };

    public static Fact Fact(string title, string? value) => new(Plain(title), Plain(string.IsNullOrWhiteSpace(value) ? "—" : value));

    /// <summary>A card the way every message has it: full width in Teams.</summary>
    public static AdaptiveCard Card(IReadOnlyList<CardElement> body, IReadOnlyList<CardButton>? actions = null) => new()
    {
        Body = body,
        Actions = actions is { Count: > 0 } ? actions : null,
        Msteams = new TeamsCardOptions("Full"),
    };

    public static string Clip(string text) => text.Length <= MaxText ? text : text[..(MaxText - 1)] + "…";

    private static string Plain(string text) => TeamsMarkdown.Card(Clip(text));

    /// <summary>Rendered by Teams in the reader's own time zone and locale.</summary>
    public static string LocalTime(DateTimeOffset at)
    {
        var iso = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return "{{DATE(" + iso + ",SHORT)}} {{TIME(" + iso + ")}}";
    }
}

/// <summary>Core's <see cref="ActionView"/> as Teams buttons: a plain submit, or a note card then submit.</summary>
internal static class Buttons
{
    public static IReadOnlyList<CardButton> For(IReadOnlyList<ActionView> actions) => [.. actions.Select(For)];

    public static CardButton For(ActionView a)
    {
        var data = new SubmitData(a.Verb) { Gap = a.Gap?.ToString(), Cr = a.Change, Rev = a.Revision };
        var style = Style(a.Style);
        if (a.NoteLabel is null) return new SubmitButton(a.Label, data) { Style = style };
        var note = new InputText(FormFields.Note, a.NoteLabel)
        {
            IsRequired = a.NoteRequired ? true : null,
            ErrorMessage = a.NoteRequired ? "Please write a short note first." : null,
            IsMultiline = true,
            MaxLength = 1000,
        };
        return new ShowCardButton(a.Label, new AdaptiveCard { Body = [note], Actions = [new SubmitButton(a.Label, data) { Style = style }] });
    }

    private static string? Style(ActionStyle style) => style switch
    {
        ActionStyle.Positive => "positive",
        ActionStyle.Destructive => "destructive",
        _ => null,
    };
}
