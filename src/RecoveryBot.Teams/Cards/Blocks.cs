using System.Globalization;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Cards;

/// <summary>The few text styles every card uses, and the clipping that keeps one card well inside Teams' size limit.</summary>
internal static class Blocks
{
    /// <summary>Core already bounds titles (200) and notes (1000); this only guards against anything longer.</summary>
    public const int MaxText = 2000;

    public static TextBlock Title(string text) => new(Clip(text)) { Size = "Medium", Weight = "Bolder" };

    public static TextBlock Subtle(string text) => new(Clip(text)) { IsSubtle = true, Spacing = "None" };

    public static TextBlock Text(string text) => new(Clip(text));

    public static TextBlock Heading(string text) => new(Clip(text)) { Weight = "Bolder", Spacing = "Medium" };

    public static TextBlock Good(string text) => new(Clip(text)) { Color = "Good", Weight = "Bolder" };

    public static TextBlock Attention(string text) => new(Clip(text)) { Color = "Attention", Weight = "Bolder" };

    public static TextBlock Bullet(string text) => new("• " + Clip(text)) { Spacing = "Small" };

    public static Fact Fact(string title, string? value) => new(title, Clip(string.IsNullOrWhiteSpace(value) ? "—" : value));

    /// <summary>A card the way every message has it: full width in Teams.</summary>
    public static AdaptiveCard Card(IReadOnlyList<CardElement> body, IReadOnlyList<CardButton>? actions = null) => new()
    {
        Body = body,
        Actions = actions is { Count: > 0 } ? actions : null,
        Msteams = new TeamsCardOptions("Full"),
    };

    public static string Clip(string text) => text.Length <= MaxText ? text : text[..(MaxText - 1)] + "…";

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
