using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Schedule;

/// <summary>
/// What the scheduler tells operators as it goes. Core writes no log itself: the host turns each event into a log line,
/// a warning unless said otherwise.
/// </summary>
public interface ISchedulerLog
{
    /// <summary>Post <paramref name="key"/> was owed longer than the catch-up limit and is not sent any more.</summary>
    void Expired(RecoveryId recovery, string key, DateTimeOffset dueAt);

    /// <summary>No poster for <paramref name="platform"/>: its posts stay pending. Said once per platform.</summary>
    void NoPoster(string platform);

    /// <summary>The poster threw; the post is tried again later.</summary>
    void PosterThrew(RecoveryId recovery, string key, Exception error);

    /// <summary>The lease ran out while posting and another host took the item over: it may post it again.</summary>
    void LeaseLost(RecoveryId recovery, string key);

    /// <summary>The post gave up; the lead reads why in the next check-in.</summary>
    void Undelivered(RecoveryId recovery, string key, string platform, string? reason);

    /// <summary>A direct message could not be delivered and went to the channel instead.</summary>
    void WentToChannel(RecoveryId recovery, string key);

    /// <summary>The post cannot be stored, so it is not posted; the lead reads why in the next check-in.</summary>
    void NotStored(RecoveryId recovery, string key, string reason);

    /// <summary>A person's zone could not be read; their posts follow the recovery's zone this time. Debug.</summary>
    void ZoneUnread(RecoveryId recovery, string error);

    /// <summary>Planning the recovery failed for a lasting reason; it is tried again at <paramref name="next"/>.</summary>
    void Deferred(RecoveryId recovery, int failures, Exception error, string reason, DateTimeOffset next);

    /// <summary>Planning the recovery failed; another tick takes it over when its lease runs out. Error.</summary>
    void PlanningFailed(RecoveryId recovery, Exception error);

    /// <summary>What a tick did: Information when it enqueued or sent anything, else Debug.</summary>
    void Ticked(TickReport report);
}

/// <summary>Tells nobody; for tests, tools and benchmarks.</summary>
public sealed class NullSchedulerLog : ISchedulerLog
{
    public static readonly NullSchedulerLog Instance = new();

    public void Expired(RecoveryId recovery, string key, DateTimeOffset dueAt) { }
    public void NoPoster(string platform) { }
    public void PosterThrew(RecoveryId recovery, string key, Exception error) { }
    public void LeaseLost(RecoveryId recovery, string key) { }
    public void Undelivered(RecoveryId recovery, string key, string platform, string? reason) { }
    public void WentToChannel(RecoveryId recovery, string key) { }
    public void NotStored(RecoveryId recovery, string key, string reason) { }
    public void ZoneUnread(RecoveryId recovery, string error) { }
    public void Deferred(RecoveryId recovery, int failures, Exception error, string reason, DateTimeOffset next) { }
    public void PlanningFailed(RecoveryId recovery, Exception error) { }
    public void Ticked(TickReport report) { }
}
