using System.Collections.Immutable;

namespace RecoveryBot.Core.Model;

/// <summary>One recovery in one channel.</summary>
public sealed record Recovery
{
    public required RecoveryId Id { get; init; }
    public required ChannelKey Channel { get; init; }
    public required string Name { get; init; }
    public string TimeZone { get; init; } = "UTC";
    public required UserRef Lead { get; init; }
    public UserRef? Approver { get; init; }
    public RecoveryPhase Phase { get; init; } = RecoveryPhase.Triage;
    public bool Frozen { get; init; } = true;
    public DayOfWeek CheckinDay { get; init; } = DayOfWeek.Friday;
    public TimeOnly CheckinTime { get; init; } = new(16, 0);
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? OwnershipPostedAt { get; init; }
    public OwnershipMessage? Ownership { get; init; }
    public DateTimeOffset? PlanProposedAt { get; init; }
    public DateTimeOffset? PlanApprovedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? NextReview { get; init; }
    /// <summary>Days from closure to the one follow-up checkpoint (<c>settings followup &lt;days&gt;</c>).</summary>
    public int FollowUpDays { get; init; } = DefaultFollowUpDays;
    public ImmutableList<Milestone> Milestones { get; init; } = [];
    public ImmutableList<Lesson> Lessons { get; init; } = [];
    public ImmutableList<Question> Questions { get; init; } = [];
    public string? EscalationPath { get; init; }
    /// <summary>
    /// The next gap number as last known. Stored, it is a lower bound (a report claims its number by inserting the
    /// gap row and does not rewrite the recovery row); see <see cref="App.IRecoveryStore.NextGapNumberAsync"/>.
    /// </summary>
    public int NextGapNumber { get; init; } = 1;
    public int NextChangeNumber { get; init; } = 1;
    /// <summary>Bumped by <c>summary rotate</c>; links signed for an older generation stop working.</summary>
    public int LinkGeneration { get; init; }
    /// <summary>The platform's opaque conversation reference, used for proactive posts.</summary>
    public string? Address { get; init; }
    /// <summary>This recovery's place among the recoveries of its channel: 0 for the first, then 1, 2, …</summary>
    public int Generation { get; init; }
    /// <summary>
    /// Kept on the channel's first recovery (generation 0) only: the generation of the channel's current recovery.
    /// A new recovery after closure moves it on; the earlier ones stay readable under their own ids.
    /// </summary>
    public int Latest { get; init; }
    public int Revision { get; init; }
    public string? Version { get; init; }

    public const int DefaultFollowUpDays = 14;

    public TimeZoneInfo Zone => TimeZones.Find(TimeZone) ?? TimeZoneInfo.Utc;
}

public sealed record OwnershipMessage(string Broken, string Affected, string DoingNow, string NextUpdate, UserRef By, DateTimeOffset At);

public sealed record Milestone(DateOnly Date, string Text);

public sealed record Lesson(string Text, UserRef By, DateTimeOffset At);

public sealed record Question(string Text, int Count, DateTimeOffset FirstAsked, DateTimeOffset LastAsked);
