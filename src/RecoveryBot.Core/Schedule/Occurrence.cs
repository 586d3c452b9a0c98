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

    /// <summary>The recipient's own zone when <see cref="DueAt"/> follows it; null when it follows the recovery's.</summary>
    public TimeZoneInfo? Zone { get; init; }

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

    /// <summary>
    /// The zones (IANA ids) people's platforms report, by user id, for the people personal posts go to
    /// (<see cref="SchedulePlanner.ZonesWanted"/>). A person not here, or with an id this machine does not know, gets
    /// their posts in the recovery's zone.
    /// </summary>
    public IReadOnlyDictionary<string, string> PersonZones { get; init; } = new Dictionary<string, string>();

    /// <summary>The zone <paramref name="person"/>'s personal posts follow, or null for the recovery's.</summary>
    internal TimeZoneInfo? ZoneOf(UserRef person) =>
        PersonZones.TryGetValue(person.Id, out var id) && TimeZones.Find(id) is { } zone && zone.Id != Recovery.Zone.Id ? zone : null;
}

/// <summary>
/// The planner's answer for one window. <see cref="Due"/> is what to post now; <see cref="PlannedThrough"/> is how far
/// the window was consumed (it stays put during quiet hours, so what is owed is posted when they end);
/// <see cref="NextWake"/> is the next instant anything becomes due, or null when nothing ever will on this state.
/// </summary>
public sealed record SchedulePlan(IReadOnlyList<Occurrence> Due, DateTimeOffset PlannedThrough, DateTimeOffset? NextWake);
