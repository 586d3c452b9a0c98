using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Schedule;

/// <summary>
/// The scheduler's due-index. The service calls <see cref="WakeAsync"/> after a turn that may change what is due
/// for a recovery; the scheduler then plans that recovery again on its next tick.
/// </summary>
public interface IScheduleIndex
{
    Task WakeAsync(RecoveryId recovery, CancellationToken ct);
}

/// <summary>Posts to a recovery's channel without an inbound message (scheduled posts, outbox). One per platform.</summary>
public interface IChannelPoster
{
    /// <summary>"teams" or "slack": matches <see cref="ChannelKey.Platform"/>.</summary>
    string Platform { get; }

    Task<PostResult> PostAsync(Recovery recovery, Reply reply, CancellationToken ct);
}

public abstract record PostResult
{
    /// <summary>Posted. <paramref name="Notice"/> is a line owed to the lead (a direct message went to the channel instead).</summary>
    public sealed record Posted(string? MessageId, string? Notice = null) : PostResult;

    /// <summary>Throttled or a transient failure: try again after <paramref name="After"/>.</summary>
    public sealed record RetryLater(TimeSpan After, string Reason) : PostResult;

    /// <summary>Will never succeed (bot removed, conversation gone): the lead is told once by another route.</summary>
    public sealed record Failed(string Reason) : PostResult;
}
