using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Host.Scheduling;

/// <summary>The scheduler's events as log lines: the channel may be what fails, so operators read it here.</summary>
internal sealed class SchedulerLogger(ILogger<SchedulerRunner> log) : ISchedulerLog
{
    public void Expired(RecoveryId recovery, string key, DateTimeOffset dueAt) =>
        log.LogWarning("Scheduled post {Key} for {Recovery} expired unsent (due {DueAt:O})", key, recovery, dueAt);

    public void NoPoster(string platform) =>
        log.LogWarning("No channel poster for platform {Platform}; its scheduled posts stay pending", platform);

    public void PosterThrew(RecoveryId recovery, string key, Exception error) =>
        log.LogWarning("Posting {Key} for {Recovery} threw {Error}; trying again later", key, recovery, error.GetType().Name);

    public void LeaseLost(RecoveryId recovery, string key) =>
        log.LogWarning("Lease on {Key} for {Recovery} was lost while posting", key, recovery);

    public void Undelivered(RecoveryId recovery, string key, string platform, string? reason) =>
        log.LogWarning("Scheduled post {Key} for {Recovery} ({Platform}) failed: {Reason}", key, recovery, platform, reason);

    public void WentToChannel(RecoveryId recovery, string key) =>
        log.LogWarning("Scheduled post {Key} for {Recovery} went to the channel: the direct message could not be delivered", key, recovery);

    public void NotStored(RecoveryId recovery, string key, string reason) =>
        log.LogWarning("Scheduled post {Key} for {Recovery} cannot be stored and is not posted: {Reason}", key, recovery, reason);

    public void ZoneUnread(RecoveryId recovery, string error) =>
        log.LogDebug("The time zone of a person in {Recovery} could not be read: {Error}", recovery, error);

    public void Deferred(RecoveryId recovery, int failures, Exception error, string reason, DateTimeOffset next) =>
        log.LogWarning("Scheduling {Recovery} failed ({Failures} in a row): {Error}: {Reason}; its other posts and the other recoveries go on, it is tried again at {Next:O}",
            recovery.Value, failures, error.GetType().Name, reason, next);

    public void PlanningFailed(RecoveryId recovery, Exception error) =>
        log.LogError(error, "Scheduling {Recovery} failed; another tick takes it over when its lease runs out", recovery.Value);

    public void Ticked(TickReport report)
    {
        var level = report.Sent.Count > 0 || report.Planned.Any(p => p.Enqueued) ? LogLevel.Information : LogLevel.Debug;
        log.Log(level, "Scheduler tick: {Recoveries} recoveries due, {Enqueued} posts enqueued, {Posted} posted, {Retrying} to retry, {Failed} failed",
            report.Recoveries, report.Planned.Count(p => p.Enqueued), report.Sent.Count(s => s.Status == SendStatus.Posted),
            report.Sent.Count(s => s.Status == SendStatus.RetryLater), report.Sent.Count(s => s.Status == SendStatus.Failed));
    }
}
