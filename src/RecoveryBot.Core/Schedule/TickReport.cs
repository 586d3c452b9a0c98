using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Schedule;

/// <summary>What one tick did: the recoveries it handled, what the planner found due, and what was sent.</summary>
public sealed record TickReport(int Recoveries, IReadOnlyList<PlannedPost> Planned, IReadOnlyList<SendOutcome> Sent)
{
    public static readonly TickReport Empty = new(0, [], []);
}

/// <summary>An occurrence the planner found due; <see cref="Enqueued"/> is false when it was in the outbox already.</summary>
public sealed record PlannedPost(Recovery Recovery, Occurrence Occurrence, bool Enqueued);

public enum SendStatus { Posted, RetryLater, Failed, Expired, NoPoster, LeaseLost }

/// <summary>One attempt to send an outbox row.</summary>
public sealed record SendOutcome(RecoveryId Recovery, string Key, SendStatus Status, string? Detail = null);

/// <summary>What draining one recovery's outbox did, and when it wants to be woken to try again.</summary>
internal sealed record DrainResult(IReadOnlyList<SendOutcome> Outcomes, DateTimeOffset? RetryAt)
{
    public static readonly DrainResult Nothing = new([], null);
}
