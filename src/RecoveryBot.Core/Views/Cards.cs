using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Views;

public enum ActionStyle { Default, Positive, Destructive }

/// <summary>
/// A button. It carries the item (gap or change request) and the revision it was rendered from, so the
/// server can tell a stale click. <see cref="NoteLabel"/> asks for a note (required when <see cref="NoteRequired"/>).
/// </summary>
public sealed record ActionView(string Verb, string Label, GapId? Gap, int? Change, int Revision,
    ActionStyle Style = ActionStyle.Default, string? NoteLabel = null, bool NoteRequired = false);

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
    public const string LogPage = "log-page";
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
}

/// <summary>Every card the bot can show, as data.</summary>
public abstract record CardView;

/// <summary>One gap row with the buttons that fit the viewer's role.</summary>
public sealed record GapCard(string Recovery, Gap Gap, DateOnly Today, IReadOnlyList<ActionView> Actions, string? Banner = null) : CardView;

/// <summary><c>show G-7</c>: the item and its history, newest first.</summary>
public sealed record GapDetailCard(string Recovery, Gap Gap, DateOnly Today, IReadOnlyList<HistoryEvent> History, IReadOnlyList<ActionView> Actions) : CardView;

public sealed record LogCard(string Recovery, string Title, Commands.LogFilter Filter, IReadOnlyList<Gap> Rows, int Page, int Pages, int Total, DateOnly Today) : CardView
{
    public const int PageSize = 15;
}

public sealed record OwnershipCard(string Recovery, OwnershipMessage Message, bool Frozen) : CardView;

/// <summary>Reset plan, change request, sign-off or closure. A decided card shows who decided and has no buttons.</summary>
public sealed record ApprovalCard(string Recovery, ChangeRequest Request, string Title, IReadOnlyList<string> Details,
    IReadOnlyList<ActionView> Actions, string? Decision, UserRef? Approver) : CardView;

/// <summary>"Does G-7 work in your normal day?" <see cref="Late"/>: a scheduled reminder caught up after an outage.</summary>
public sealed record RetestCard(string Recovery, Gap Gap, IReadOnlyList<ActionView> Actions, bool Reminder = false, bool Late = false) : CardView;

public sealed record GoNoGoCard(string Recovery, bool Passes, IReadOnlyList<string> Blockers) : CardView;

/// <summary>The weekly check-in; <see cref="Sections"/> are already cut to stay readable in two minutes.</summary>
public sealed record CheckinCard(string Recovery, string Heading, IReadOnlyList<CheckinSection> Sections, string? LogLink, bool Late = false) : CardView;

public sealed record CheckinSection(string Title, IReadOnlyList<string> Lines, int More = 0);
