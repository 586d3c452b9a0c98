using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Commands;

/// <summary>Every command of the command language, the same for Teams and Slack.</summary>
public abstract record ChatCommand
{
    /// <summary>The command word as users type it; used in replies and help.</summary>
    public abstract string Verb { get; }
}

public sealed record HelpCommand(string? Topic) : ChatCommand { public override string Verb => "help"; }
public sealed record StartCommand(string Name, string? TimeZone) : ChatCommand { public override string Verb => "start"; }
public sealed record SetApproverCommand(UserRef User) : ChatCommand { public override string Verb => "approver"; }
public sealed record SetLeadCommand(UserRef User) : ChatCommand { public override string Verb => "lead"; }

/// <summary><c>ownership</c> with no fields opens the form; the form's submit carries the four answers.</summary>
public sealed record OwnershipCommand(OwnershipFields? Fields) : ChatCommand { public override string Verb => "ownership"; }
public sealed record OwnershipFields(string Broken, string Affected, string DoingNow, string NextUpdate);

/// <summary><c>gap</c> / <c>request</c>. A null title opens the form.</summary>
public sealed record ReportCommand(GapKind Kind, string? Title, GapDetails? Details = null, string? SourceLink = null) : ChatCommand
{
    public override string Verb => Kind == GapKind.Request ? "request" : "gap";
}
public sealed record GapDetails(string? Expected, string? Actual, string? Impact, string? Affected);

public sealed record AssignCommand(GapId Gap, UserRef Owner, DateSpec Due) : ChatCommand { public override string Verb => "assign"; }
public sealed record BeginCommand(GapId Gap) : ChatCommand { public override string Verb => "begin"; }
public sealed record ReadyCommand(GapId Gap, UserRef Retester, DateSpec RetestDate, DateSpec? Training, string? TrainingNote) : ChatCommand { public override string Verb => "ready"; }
public sealed record TrainedCommand(GapId Gap, string? Note) : ChatCommand { public override string Verb => "trained"; }
public sealed record WorksCommand(GapId Gap) : ChatCommand { public override string Verb => "works"; }
public sealed record BrokenCommand(GapId Gap, string Note) : ChatCommand { public override string Verb => "broken"; }
/// <summary>A click on "Mark fix ready" or "Move the date": opens that item's form, after the same role and state checks as the command.</summary>
public sealed record ItemFormCommand(GapId Gap, ItemForm Form) : ChatCommand { public override string Verb => Form == ItemForm.Ready ? "ready" : "due"; }
public enum ItemForm { Ready, MoveDue }
public sealed record MoveDueCommand(GapId Gap, DateSpec Due, string Reason) : ChatCommand { public override string Verb => "due"; }
public sealed record MoveBucketCommand(GapId Gap, Bucket To) : ChatCommand { public override string Verb => To == Bucket.Later ? "defer" : "now"; }
public sealed record DeclineCommand(GapId Gap, string Reason) : ChatCommand { public override string Verb => "decline"; }
public sealed record FreezeCommand(bool On) : ChatCommand { public override string Verb => "freeze"; }
public sealed record PlanCommand : ChatCommand { public override string Verb => "plan"; }
public sealed record MilestoneCommand(DateSpec Date, string Text) : ChatCommand { public override string Verb => "milestone"; }
public sealed record LessonCommand(string Text) : ChatCommand { public override string Verb => "lesson"; }
public sealed record QuestionCommand(string Text) : ChatCommand { public override string Verb => "question"; }
public sealed record ReviewCommand(DateSpec Date, TimeOnly? Time) : ChatCommand { public override string Verb => "review"; }
public sealed record EscalationCommand(string Text) : ChatCommand { public override string Verb => "escalation"; }
public sealed record LogCommand(LogFilter Filter, int Page = 1) : ChatCommand { public override string Verb => "log"; }
public sealed record ShowCommand(GapId Gap) : ChatCommand { public override string Verb => "show"; }

/// <summary><c>show CR-3</c>: the change request's card as it stands (Approve / Reject while it waits).</summary>
public sealed record ShowChangeCommand(int Change) : ChatCommand { public override string Verb => "show"; }
public sealed record CheckinCommand(bool Preview) : ChatCommand { public override string Verb => "checkin"; }
public sealed record SummaryCommand(bool Rotate) : ChatCommand { public override string Verb => "summary"; }

/// <summary><c>retro</c>: the lead gets a signed link to the drafted retrospective.</summary>
public sealed record RetroCommand : ChatCommand { public override string Verb => "retro"; }
public sealed record GoNoGoCommand : ChatCommand { public override string Verb => "gonogo"; }
public sealed record CloseCommand : ChatCommand { public override string Verb => "close"; }
public sealed record CheckinSettingsCommand(DayOfWeek Day, TimeOnly Time) : ChatCommand { public override string Verb => "settings"; }
public sealed record TimeZoneSettingsCommand(string TimeZone) : ChatCommand { public override string Verb => "settings"; }
public sealed record FollowUpSettingsCommand(int Days) : ChatCommand { public override string Verb => "settings"; }

/// <summary><c>scope G-7 expected &lt;text&gt;</c>: edit an item's scope (a change request once the plan is approved).</summary>
public sealed record ScopeCommand(GapId Gap, ScopeField Field, string Text) : ChatCommand { public override string Verb => "scope"; }

/// <summary><c>history</c>: the recovery-level history (roles, freeze, phase, settings, decisions).</summary>
public sealed record HistoryCommand : ChatCommand { public override string Verb => "history"; }

/// <summary>
/// <c>mine</c>: the person's own items (owned, to retest, to approve) with their buttons; in a direct message across
/// every recovery they are in, in a channel for its recovery only. Not the log filter <c>log mine</c>.
/// </summary>
public sealed record MineCommand : ChatCommand { public override string Verb => "mine"; }

/// <summary><c>recoveries</c>: every recovery this channel has had, the current one last.</summary>
public sealed record RecoveriesCommand : ChatCommand { public override string Verb => "recoveries"; }

/// <summary><c>approve CR-3</c>: the approver's decision, also one click on the approval card.</summary>
public sealed record ApproveCommand(int Change) : ChatCommand { public override string Verb => "approve"; }
public sealed record RejectCommand(int Change, string Reason) : ChatCommand { public override string Verb => "reject"; }
/// <summary><c>signoff G-7</c> closes one verified item (approver); <c>signoff</c> alone posts the batch sign-off card.</summary>
public sealed record SignOffCommand(GapId? Gap) : ChatCommand { public override string Verb => "signoff"; }

public enum LogFilter { Open, Mine, Overdue, Later, All }
