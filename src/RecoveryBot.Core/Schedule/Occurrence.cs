using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Schedule;

public enum PostKind
{
    Checkin,
    RetestReminder,
    RetestLeadNotice,
    OverdueNudge,
    OverdueEscalation,
    OwnershipWatch,
    PlanWatch,
    FollowUp,
}

/// <summary>
/// One scheduled post. <see cref="Key"/> is stable for the occurrence ("checkin:2026-12-04",
/// "retest:G-7:2026-12-03:1", "overdue:G-7:2026-12-04:nudge"), so storing it once makes the post happen once.
/// <see cref="DueAt"/> is when it was meant to go out; <see cref="Late"/> marks a catch-up after an outage.
/// </summary>
public sealed record Occurrence(string Key, PostKind Kind, DateTimeOffset DueAt, bool Late, Reply Reply)
{
    /// <summary>The first line a person sees (people by name), for previews and logs at Debug level.</summary>
    public string FirstLine => CoreText.Named(Line(Reply));

    /// <summary>Who a personal post goes to by direct message; null for a channel post.</summary>
    public UserRef? Recipient => (Reply as Reply.Direct)?.Person;

    private string Line(Reply reply) => reply switch
    {
        Reply.Text t => t.Message.Split('\n', 2)[0],
        Reply.Card c => c.Doc.Summary,
        Reply.Direct d => Line(d.Personal),
        _ => Kind.ToString(),
    };
}

/// <summary>What the planner reads: the recovery as it is now, plus lines owed to the lead in the next check-in.</summary>
public sealed record ScheduleInput(Recovery Recovery, IReadOnlyList<Gap> Gaps, IReadOnlyList<ChangeRequest> Changes)
{
    /// <summary>Link to the gap log, shown at the end of the check-in.</summary>
    public string? LogLink { get; init; }

    /// <summary>The recovery's history, for the check-in's numbers; loaded only when a check-in is due.</summary>
    public IReadOnlyList<HistoryEvent> History { get; init; } = [];

    /// <summary>Posts that could not be delivered; listed for the lead in the next check-in.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}

/// <summary>
/// The planner's answer for one window. <see cref="Due"/> is what to post now; <see cref="PlannedThrough"/> is how far
/// the window was consumed (it stays put during quiet hours, so what is owed is posted when they end);
/// <see cref="NextWake"/> is the next instant anything becomes due, or null when nothing ever will on this state.
/// </summary>
public sealed record SchedulePlan(IReadOnlyList<Occurrence> Due, DateTimeOffset PlannedThrough, DateTimeOffset? NextWake);
