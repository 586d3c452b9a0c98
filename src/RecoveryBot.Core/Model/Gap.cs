using System.Collections.Immutable;
namespace RecoveryBot.Core.Model;

/// <summary>One row of the gap log.</summary>
public sealed record Gap
{
    public required GapId Id { get; init; }
    public required string Title { get; init; }
    public string? Expected { get; init; }
    public string? Actual { get; init; }
    public string? Impact { get; init; }
    public string? Affected { get; init; }
    public GapKind Kind { get; init; } = GapKind.Defect;
    public Bucket Bucket { get; init; } = Bucket.Now;
    public GapStatus Status { get; init; } = GapStatus.Open;
    public UserRef? Owner { get; init; }
    public DateOnly? Due { get; init; }
    public UserRef? Retester { get; init; }
    public DateOnly? RetestDate { get; init; }
    public DateOnly? TrainingDate { get; init; }
    public string? TrainingNote { get; init; }
    public DateTimeOffset? TrainedAt { get; init; }
    public required UserRef Reporter { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>How often the due date moved after it was first set.</summary>
    public int DueSlips { get; init; }
    public string? BrokenNote { get; init; }
    public string? DeclineReason { get; init; }
    public DateTimeOffset? FixReadyAt { get; init; }
    public UserRef? VerifiedBy { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>Link to the message a gap was logged from, when there is one.</summary>
    public string? SourceLink { get; init; }
    /// <summary>
    /// The delivery the report came from (a Slack event id), so a redelivery after its first host stopped mid-run is
    /// recognised instead of logged twice.
    /// </summary>
    public string? Origin { get; init; }
    /// <summary>
    /// The messages that show this item's current retest card (in the channel and in the retester's direct messages),
    /// so the verdict replaces each of them in place; emptied when the fix is marked ready again.
    /// </summary>
    public ImmutableList<string> CardCopies { get; init; } = [];
    /// <summary>Bumped on every change; cards carry it so a stale click is recognised.</summary>
    public int Revision { get; init; }
    /// <summary>Opaque storage version (ETag); null before the first write.</summary>
    public string? Version { get; init; }

    public bool IsOverdue(DateOnly today) => Status.IsActive() && Status != GapStatus.FixReady && Due is { } d && d < today;
}
