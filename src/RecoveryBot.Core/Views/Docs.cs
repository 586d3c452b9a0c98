using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Views;

public enum ActionStyle { Default, Positive, Destructive }

/// <summary>How a banner line reads: neutral, good news, or something that needs attention.</summary>
public enum Tone { Info, Good, Attention }

/// <summary>
/// What a form field takes: a line or text, one of fixed choices, a person of the workspace (its value is their
/// platform id, optionally <c>id|name</c>), or a date (its value is <c>YYYY-MM-DD</c>).
/// </summary>
public enum InputKind { Line, Text, Choice, Person, Date }

/// <summary>
/// One card, form or message, as data: what is shown, never how. The title, context and facts are data, shown
/// exactly as typed. Lines, banners and notes are Core text: plain, except Core's own <c>`code`</c> span around a
/// command (see <see cref="CoreText"/>). Renderers escape everything for their platform, so user text shows literally. Renderers draw the parts in this order: context, title, banner, facts,
/// sections, notes, inputs, links, actions.
/// </summary>
public sealed record CardDoc
{
    public required string Title { get; init; }

    /// <summary>Where this belongs (the recovery's name), shown small.</summary>
    public string? Context { get; init; }

    public Banner? Banner { get; init; }
    public IReadOnlyList<Fact> Facts { get; init; } = [];
    public IReadOnlyList<Section> Sections { get; init; } = [];

    /// <summary>Small print under the content.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>A form's fields; a form has exactly one action, its submit.</summary>
    public IReadOnlyList<FormInput> Inputs { get; init; } = [];

    public IReadOnlyList<ActionView> Actions { get; init; } = [];
    public IReadOnlyList<DocLink> Links { get; init; } = [];

    /// <summary>One plain line saying the same, for notifications, screen readers and logs at Debug level.</summary>
    public required string Summary { get; init; }

    /// <summary>
    /// The change request this card asks about while it waits for a decision: the adapter keeps the posted message's
    /// id so the decision replaces the card in place. Such a card is posted on its own, never merged with lines.
    /// </summary>
    public int? AwaitsDecisionOf { get; init; }

    /// <summary>
    /// The item whose retester this card asks for a verdict: as for <see cref="AwaitsDecisionOf"/>, the posted message is
    /// kept so the verdict replaces the card in place, and it is posted on its own.
    /// </summary>
    public GapId? AwaitsVerdictOf { get; init; }

    /// <summary>The recovery a card that awaits a decision or verdict belongs to, so a copy posted outside its channel (a direct message) is kept too.</summary>
    public RecoveryId? Recovery { get; init; }

    /// <summary>True when the adapter keeps the posted message's id (<see cref="AwaitsDecisionOf"/> or <see cref="AwaitsVerdictOf"/>).</summary>
    public bool Awaits => AwaitsDecisionOf is not null || AwaitsVerdictOf is not null;

    /// <summary>What the card is about, so a client can ask for its current state (Teams' card refresh).</summary>
    public CardSubject? Subject { get; init; }

    /// <summary>
    /// Who holds each role that a button on this card needs (the approver of the recovery, the owner of the item, …):
    /// where one message looks different to each viewer (Teams), each of them is shown their own buttons.
    /// </summary>
    public IReadOnlyList<RoleHolder> Holders { get; init; } = [];
}

public enum CardKind { Gap, GapDetail, Retest, Change }

/// <summary>The item a card shows (a gap, or a change request) and the revision it was composed from.</summary>
public sealed record CardSubject(CardKind Kind, GapId? Gap, int? Change, int Revision);

public sealed record RoleHolder(Role Role, UserRef User);

public sealed record Banner(string Text, Tone Tone = Tone.Info);

public sealed record Fact(string Label, string Value);

/// <summary>Lines under an optional heading; <see cref="Bulleted"/> lines are list items. <see cref="Footer"/> says what was left out.</summary>
public sealed record Section(string? Heading, IReadOnlyList<string> Lines, bool Bulleted = true, string? Footer = null);

public sealed record DocLink(string Label, string Url);

public sealed record Choice(string Label, string Value);

/// <summary>A form field. <see cref="Error"/> is what the person reads when a required field is left empty.</summary>
public sealed record FormInput(string Id, string Label, InputKind Kind = InputKind.Line, bool Required = false,
    int MaxLength = TextLimits.Note, string? Placeholder = null, string? Initial = null, IReadOnlyList<Choice>? Choices = null)
{
    public string? Error => Required ? $"{Label}: this is required." : null;
}

/// <summary>
/// A button. It carries its target (a gap or change request, with the revision the card was rendered from, so the
/// server tells a stale click; or a log page), the role whose holder may press it (the server checks again), and
/// an optional <see cref="Note"/> the person writes before the click counts.
/// </summary>
public sealed record ActionView(string Verb, string Label, ActionStyle Style = ActionStyle.Default, Role MayPress = Role.Member)
{
    public GapId? Gap { get; init; }
    public int? Change { get; init; }
    public int Revision { get; init; }
    public FormInput? Note { get; init; }
    public LogFilter? Filter { get; init; }
    public int? Page { get; init; }

    /// <summary>For <see cref="CardVerbs.InRecovery"/>: the recovery picked, and the command that runs there.</summary>
    public string? Recovery { get; init; }
    public string? Command { get; init; }
}

/// <summary>The card verbs a click may carry; everything else is refused as unknown.</summary>
public static class CardVerbs
{
    public const string Begin = "begin";
    public const string Works = "works";
    public const string Broken = "broken";
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string SignOff = "signoff";
    public const string SubmitGap = "submit-gap";
    public const string SubmitOwnership = "submit-ownership";

    /// <summary>Buttons that open an item's form (Mark fix ready, Move the date), and those forms' submits.</summary>
    public const string ReadyForm = "ready-form";
    public const string DueForm = "due-form";
    public const string SubmitReady = "submit-ready";
    public const string SubmitDue = "submit-due";
    public const string LogPage = "log-page";

    /// <summary>Runs a command typed in a direct message in the recovery the person picked.</summary>
    public const string InRecovery = "in-recovery";
}

/// <summary>Input ids used by forms and note fields, shared by both renderers and the action parser.</summary>
public static class FormFields
{
    public const string Note = "note";
    public const string Title = "title";
    public const string Expected = "expected";
    public const string Actual = "actual";
    public const string Impact = "impact";
    public const string Affected = "affected";
    public const string Kind = "kind";
    public const string Broken = "broken";
    public const string DoingNow = "doing_now";
    public const string NextUpdate = "next_update";
    public const string Filter = "filter";
    public const string Page = "page";
    public const string Link = "link";
    public const string Recovery = "recovery";
    public const string Command = "command";
    public const string Retester = "retester";
    public const string RetestDate = "retest_date";
    public const string TrainingDate = "training_date";
    public const string Due = "due";
    public const string Reason = "reason";
}

/// <summary>The length limits of everything people type, in one place (the parser, forms and renderers use them).</summary>
public static class TextLimits
{
    public const int Title = 200;
    public const int Note = 1000;
}
