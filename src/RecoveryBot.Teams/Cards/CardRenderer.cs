using System.Globalization;
using System.Text.Json;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Cards;

/// <summary>
/// Any Core document as an Adaptive Card 1.5 that fits one Teams message: Teams refuses messages over 100 KB, so a
/// card is kept under <see cref="MaxCardBytes"/>. It knows no card kinds. Teams' own ways: a banner is coloured,
/// links are Action.OpenUrl buttons, and a button with a note opens the note in place (Action.ShowCard).
/// </summary>
internal static class CardRenderer
{
    public const int MaxCardBytes = 76 * 1024;
    public const string NoteError = "Please write a short note first.";

    public static AdaptiveCard Render(CardDoc doc)
    {
        var body = new List<CardElement>();
        if (doc.Context is { } context) body.Add(Blocks.Context(context));
        body.Add(Blocks.Title(doc.Title));
        if (doc.Banner is { } banner) body.Add(Blocks.Banner(banner));
        if (doc.Facts.Count > 0) body.Add(new FactSet([.. doc.Facts.Select(Blocks.Fact)]));
        foreach (var s in doc.Sections)
        {
            if (s.Heading is { } heading) body.Add(Blocks.Heading(heading));
            body.AddRange(s.Lines.Select(l => s.Bulleted ? Blocks.Bullet(l) : Blocks.Text(l)));
            if (s.Footer is { } footer) body.Add(Blocks.Subtle(footer));
        }
        body.AddRange(doc.Notes.Select(Blocks.Subtle));
        body.AddRange(doc.Inputs.Select(Input));
        List<CardButton> actions =
        [
            .. doc.Links.Where(l => Links.Web(l.Url) is not null).Select(l => new OpenUrlButton(l.Label, new Uri(l.Url))),
            .. doc.Actions.Select(Button),
        ];
        return Fit(Blocks.Card(body, actions));
    }

    public static int Size(AdaptiveCard card) => JsonSerializer.SerializeToUtf8Bytes(card, TeamsJson.Wire.AdaptiveCard).Length;

    public static CardButton Button(ActionView a)
    {
        var data = new SubmitData(a.Verb)
        {
            Gap = a.Gap?.ToString(), Cr = a.Change, Rev = a.Gap is null && a.Change is null ? null : a.Revision,
            Filter = a.Filter?.ToString().ToLowerInvariant(), Page = a.Page?.ToString(CultureInfo.InvariantCulture),
        };
        var style = Style(a.Style);
        if (a.Note is not { } note) return new SubmitButton(a.Label, data) { Style = style };
        var field = new InputText(note.Id, note.Label)
        {
            IsRequired = note.Required ? true : null, ErrorMessage = note.Required ? NoteError : null, IsMultiline = true, MaxLength = note.MaxLength,
        };
        return new ShowCardButton(a.Label, new AdaptiveCard { Body = [field], Actions = [new SubmitButton(a.Label, data) { Style = style }] });
    }

    private static CardElement Input(FormInput i) => i.Kind == InputKind.Choice
        ? new InputChoiceSet(i.Id, i.Label, [.. (i.Choices ?? []).Select(c => new CardChoice(c.Label, c.Value))])
        {
            Value = i.Initial, Style = "compact", IsRequired = i.Required ? true : null, ErrorMessage = i.Error,
        }
        : new InputText(i.Id, i.Label)
        {
            IsRequired = i.Required ? true : null,
            ErrorMessage = i.Error,
            IsMultiline = i.Kind == InputKind.Text ? true : null,
            MaxLength = i.MaxLength,
            Placeholder = i.Placeholder,
            Value = i.Initial,
        };

    private static string? Style(ActionStyle style) => style switch
    {
        ActionStyle.Positive => "positive",
        ActionStyle.Destructive => "destructive",
        _ => null,
    };

    /// <summary>
    /// Keeps the longest prefix of the body that fits, and says the rest was cut; Core's own limits make this rare.
    /// Each element is measured once, so even a card of megabytes is fitted in linear time.
    /// </summary>
    internal static AdaptiveCard Fit(AdaptiveCard card)
    {
        if (Size(card) <= MaxCardBytes) return card;
        var note = Blocks.Subtle("… cut to fit one Teams message; the rest is in the log and the summary.");
        var budget = MaxCardBytes - Size(card with { Body = [note] });
        var kept = new List<CardElement>();
        foreach (var element in card.Body)
        {
            budget -= JsonSerializer.SerializeToUtf8Bytes(element, TeamsJson.Wire.CardElement).Length + 1;
            if (budget < 0) break;
            kept.Add(element);
        }
        var cut = card with { Body = [.. kept, note] };
        return Size(cut) <= MaxCardBytes ? cut : Blocks.Card([note]);
    }
}
