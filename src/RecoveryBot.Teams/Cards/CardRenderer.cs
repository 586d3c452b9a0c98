using System.Globalization;
using System.Text.Json;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Cards;

/// <summary>
/// Any Core document as an Adaptive Card 1.5 that fits one Teams message: Teams refuses messages over 100 KB, so a
/// card is kept under <see cref="MaxCardBytes"/>. It knows no card kinds. Teams' own ways: a banner is coloured,
/// links are Action.OpenUrl buttons, a button with a note opens the note in place (Action.ShowCard), and buttons
/// are Action.Execute (Universal Actions), answered in the invoke response.
/// <para>
/// Who sees which buttons: a card posted to a channel (the base card) carries only the buttons anyone may press, and
/// a <c>refresh</c> listing the people holding the roles its other buttons need; their clients ask for their own view
/// (<see cref="RenderFor"/>): exactly the buttons of the roles they hold. Everyone else sees the status. A card posted
/// to one person (their 1:1 chat, or the answer to their own `show`) is that person's view from the start, so a
/// client that does not refresh (the Agents Playground; a refresh that failed) still lets them act. The server checks
/// every click anyway: a stale or forged one changes nothing.
/// Action.Submit remains only in task-module dialogs (<see cref="RenderDialog"/>), where Teams runs no Action.Execute.
/// </para>
/// </summary>
internal static class CardRenderer
{
    public const int MaxCardBytes = 76 * 1024;
    public const string NoteError = "Please write a short note first.";
    public const string RefreshVerb = "refresh";
    public const int MaxRefreshUsers = 60;

    /// <summary>
    /// The base card, as posted to a channel: the buttons anyone may press (all of them on a card without a subject,
    /// such as a form or a log page), and a refresh for the people whose roles the other buttons need.
    /// </summary>
    public static AdaptiveCard Render(CardDoc doc) =>
        Render(doc, doc.Subject is null ? doc.Actions : [.. doc.Actions.Where(a => a.MayPress == Role.Member)], Refresh(doc, seen: null), dialog: false);

    /// <summary>The card as posted to <paramref name="viewerId"/> (null: to a channel, <see cref="Render(CardDoc)"/>).</summary>
    public static AdaptiveCard Render(CardDoc doc, string? viewerId) => viewerId is null ? Render(doc) : RenderFor(doc, viewerId, refreshAgain: true);

    /// <summary>
    /// One viewer's card: the buttons their roles allow on it now (all of them on a card without a subject, such as a
    /// form or a log page). With <paramref name="refreshAgain"/> false it carries no refresh, so a client that shows it
    /// does not ask again until the message itself changes.
    /// </summary>
    public static AdaptiveCard RenderFor(CardDoc doc, string viewerId, bool refreshAgain)
    {
        var actions = doc.Subject is null ? doc.Actions : [.. doc.Actions.Where(a => MayPress(doc, a, viewerId))];
        return Render(doc, actions, refreshAgain ? Refresh(doc, viewerId) : null, dialog: false);
    }

    /// <summary>A form inside a Teams dialog (task module): Action.Submit, the one submit action dialogs run.</summary>
    public static AdaptiveCard RenderDialog(CardDoc doc) => Render(doc, doc.Actions, null, dialog: true) with { Msteams = null };

    /// <summary>True when the viewer may press the action: anyone for a member's button, else the holder of its role.</summary>
    public static bool MayPress(CardDoc doc, ActionView a, string viewerId) =>
        a.MayPress == Role.Member || doc.Holders.Any(h => h.Role == a.MayPress && string.Equals(h.User.Id, viewerId, StringComparison.Ordinal));

    private static CardRefresh? Refresh(CardDoc doc, string? seen)
    {
        if (doc.Subject is not { } subject) return null;
        var users = doc.Holders.Where(h => doc.Actions.Any(a => a.MayPress == h.Role && a.MayPress != Role.Member))
            .Select(h => h.User.Id).Distinct(StringComparer.Ordinal).Take(MaxRefreshUsers).ToList();
        if (users.Count == 0) return null;
        return new CardRefresh(new ExecuteButton("Refresh", RefreshVerb, Data(RefreshVerb, subject) with { Seen = seen }), users);
    }

    private static SubmitData Data(string verb, CardSubject subject) => new(verb)
    {
        Card = Kind(subject.Kind), Gap = subject.Gap?.ToString(), Cr = subject.Change, Rev = subject.Revision,
    };

    public static string Kind(CardKind kind) => kind switch
    {
        CardKind.Gap => "gap",
        CardKind.GapDetail => "detail",
        CardKind.Retest => "retest",
        _ => "change",
    };

    private static AdaptiveCard Render(CardDoc doc, IReadOnlyList<ActionView> shown, CardRefresh? refresh, bool dialog)
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
            .. UniqueNotes(shown).Select(a => Button(a, doc.Subject, dialog)),
        ];
        return Fit(Blocks.Card(body, actions) with { Refresh = refresh });
    }

    /// <summary>
    /// Input ids must be unique in one card: a card with several note buttons (a person's list of items) numbers the
    /// second and later notes <c>note.2</c>, <c>note.3</c>…; <see cref="InputName"/> reads them back as <c>note</c>.
    /// </summary>
    private static IEnumerable<ActionView> UniqueNotes(IReadOnlyList<ActionView> actions)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in actions)
        {
            if (a.Note is not { } note) { yield return a; continue; }
            var n = seen[note.Id] = seen.GetValueOrDefault(note.Id) + 1;
            yield return n == 1 ? a : a with { Note = note with { Id = $"{note.Id}.{n.ToString(CultureInfo.InvariantCulture)}" } };
        }
    }

    /// <summary>The input's name as Core knows it: <c>note.2</c> is <c>note</c> (see <see cref="UniqueNotes"/>).</summary>
    public static string InputName(string id)
    {
        var dot = id.LastIndexOf('.');
        return dot > 0 && dot < id.Length - 1 && id.AsSpan(dot + 1).IndexOfAnyExceptInRange('0', '9') < 0 ? id[..dot] : id;
    }

    public static int Size(AdaptiveCard card) => JsonSerializer.SerializeToUtf8Bytes(card, TeamsJson.Wire.AdaptiveCard).Length;

    public static CardButton Button(ActionView a, CardSubject? subject = null, bool dialog = false)
    {
        var data = new SubmitData(a.Verb)
        {
            Gap = a.Gap?.ToString(), Cr = a.Change, Rev = a.Gap is null && a.Change is null ? null : a.Revision,
            Filter = a.Filter?.ToString().ToLowerInvariant(), Page = a.Page?.ToString(CultureInfo.InvariantCulture),
            Card = subject is null ? null : Kind(subject.Kind),
        };
        var style = Style(a.Style);
        CardButton Press() => dialog ? new SubmitButton(a.Label, data) { Style = style } : new ExecuteButton(a.Label, a.Verb, data) { Style = style };
        if (a.Note is not { } note) return Press();
        var field = new InputText(note.Id, note.Label)
        {
            IsRequired = note.Required ? true : null, ErrorMessage = note.Required ? NoteError : null, IsMultiline = true, MaxLength = note.MaxLength,
        };
        return new ShowCardButton(a.Label, new AdaptiveCard { Body = [field], Actions = [Press()] });
    }

    /// <summary>The directory Teams' people picker searches (the whole organisation).</summary>
    public const string PeopleDataset = "graph.microsoft.com/users";

    private static CardElement Input(FormInput i) => i.Kind switch
    {
        InputKind.Choice => new InputChoiceSet(i.Id, i.Label, [.. (i.Choices ?? []).Select(c => new CardChoice(c.Label, c.Value))])
        {
            Value = i.Initial, Style = "compact", IsRequired = i.Required ? true : null, ErrorMessage = i.Error,
        },
        InputKind.Person => new InputChoiceSet(i.Id, i.Label, [])
        {
            Value = i.Initial, IsRequired = i.Required ? true : null, ErrorMessage = i.Error, ChoicesData = new DataQuery(PeopleDataset),
        },
        InputKind.Date => new InputDate(i.Id, i.Label) { Value = i.Initial, IsRequired = i.Required ? true : null, ErrorMessage = i.Error },
        _ => new InputText(i.Id, i.Label)
        {
            IsRequired = i.Required ? true : null,
            ErrorMessage = i.Error,
            IsMultiline = i.Kind == InputKind.Text ? true : null,
            MaxLength = i.MaxLength,
            Placeholder = i.Placeholder,
            Value = i.Initial,
        },
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
        return Size(cut) <= MaxCardBytes ? cut : Blocks.Card([note]) with { Refresh = card.Refresh };
    }
}
