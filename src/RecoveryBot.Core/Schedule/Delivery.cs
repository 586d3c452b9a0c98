using System.Diagnostics;

namespace RecoveryBot.Core.Schedule;

/// <summary>What becomes of a scheduled post after one attempt to send it.</summary>
public abstract record DeliveryStep
{
    /// <summary>Posted; <paramref name="Notice"/> is owed to the lead (a direct message went to the channel instead).</summary>
    public sealed record Sent(string? MessageId, string? Notice) : DeliveryStep;

    /// <summary>Try again, not before <paramref name="NotBefore"/>.</summary>
    public sealed record Retry(DateTimeOffset NotBefore, string Reason) : DeliveryStep;

    /// <summary>Never sent; the lead reads why in the next check-in.</summary>
    public sealed record Failed(string Reason) : DeliveryStep;
}

/// <summary>
/// The outbox's decisions after a post, apart from the storage they are recorded in: when to retry, when to give up,
/// and what the lead is told.
/// </summary>
public static class DeliveryRules
{
    /// <summary>A channel that asks to wait less than this still waits this long.</summary>
    public static readonly TimeSpan MinRetry = TimeSpan.FromSeconds(1);

    /// <summary>The step after attempt number <paramref name="attempts"/> answered <paramref name="result"/> at <paramref name="now"/>.</summary>
    public static DeliveryStep After(PostResult result, int attempts, int maxAttempts, DateTimeOffset now) => result switch
    {
        PostResult.Posted posted => new DeliveryStep.Sent(posted.MessageId, posted.Notice),
        PostResult.RetryLater retry when attempts < maxAttempts =>
            new DeliveryStep.Retry(now + (retry.After > MinRetry ? retry.After : MinRetry), retry.Reason),
        PostResult.RetryLater retry => new DeliveryStep.Failed($"gave up after {attempts} attempts: {retry.Reason}"),
        PostResult.Failed failed => new DeliveryStep.Failed(failed.Reason),
        _ => throw new UnreachableException(result.GetType().Name),
    };

    /// <summary>The line owed to the lead in the next check-in about this post, or null when there is none.</summary>
    public static string? NoticeFor(DeliveryStep step, PostKind kind, string key, DateTimeOffset dueAt, TimeZoneInfo zone) => step switch
    {
        DeliveryStep.Failed failed => ScheduledTexts.Undelivered(kind, key, dueAt, zone, failed.Reason),
        DeliveryStep.Sent { Notice: { } why } => ScheduledTexts.DirectFellBack(kind, key, why),
        _ => null,
    };
}
