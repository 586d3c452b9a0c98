using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>
/// Sends one recovery's pending outbox rows in order: claim (ETag lease), post through the platform's poster, then
/// record the outcome on the claimed row. A throttled post stops the drain until its Retry-After has passed.
/// </summary>
internal sealed class OutboxSender(
    TableOutbox outbox, IEnumerable<IChannelPoster> posters, SchedulerOptions options, TimeProvider time, ILogger log)
{
    private readonly ConcurrentDictionary<string, bool> warnedPlatforms = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Sends <paramref name="pending"/> (the recovery's rows still to send) in order. Rows named in
    /// <paramref name="claimed"/> were inserted with this host's lease and are sent without claiming them again.
    /// </summary>
    public async Task<DrainResult> DrainAsync(Recovery r, IReadOnlyList<OutboxRow> pending, IReadOnlySet<string> claimed, CancellationToken ct)
    {
        if (pending.Count == 0) return DrainResult.Nothing;
        var poster = PosterFor(r);
        var outcomes = new List<SendOutcome>();
        DateTimeOffset? retryAt = null;
        var ordered = pending.OrderBy(p => p.DueAt).ThenBy(p => p.RowKey, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var row = ordered[i];
            var now = time.GetUtcNow(); // posts take time; each lease counts from its own claim
            var ours = claimed.Contains(row.Key);
            // Rows owed from before quiet hours (a retry, a crashed host) wait for the morning too: the recovery's, or
            // for a personal post the recipient's own.
            var hours = row.HoursIn(r);
            if (!PostingHours.IsOpen(hours, now))
            {
                retryAt = Earliest(retryAt, PostingHours.NextOpen(hours, now));
                continue;
            }
            if (row.NotBefore > now || (!ours && row.IsLeased(now)))
            {
                retryAt = Earliest(retryAt, row.IsLeased(now) ? row.LeaseUntil : row.NotBefore);
                continue;
            }
            if (row.DueAt < now - options.CatchUpLimit)
            {
                row.Status = OutboxRow.Expired;
                if (!await outbox.TryReplaceAsync(row, ct)) continue;
                log.LogWarning("Scheduled post {Key} for {Recovery} expired unsent (due {DueAt:O})", row.Key, r.Id, row.DueAt);
                outcomes.Add(new(r.Id, row.Key, SendStatus.Expired));
                continue;
            }
            if (poster is null)
            {
                if (warnedPlatforms.TryAdd(r.Channel.Platform, true))
                {
                    log.LogWarning("No channel poster for platform {Platform}; its scheduled posts stay pending", r.Channel.Platform);
                }
                outcomes.Add(new(r.Id, row.Key, SendStatus.NoPoster));
                continue;
            }
            // A lease taken at insert that has run half its time is renewed, so a long drain never posts on a lapsing lease.
            if (!ours || row.LeaseUntil < now + options.LeaseDuration / 2)
            {
                row.LeaseOwner = options.Owner;
                row.LeaseUntil = now + options.LeaseDuration;
                if (!await outbox.TryReplaceAsync(row, ct)) continue; // another host claimed it first
            }
            var (outcome, throttled) = await SendAsync(r, row, poster, ct);
            outcomes.Add(outcome);
            if (outcome.Status == SendStatus.RetryLater) retryAt = Earliest(retryAt, row.NotBefore);
            // Throttled: later rows of this channel wait as well, so the order of posts is kept.
            if (throttled)
            {
                await ReleaseAsync(ordered.Skip(i + 1).Where(later => claimed.Contains(later.Key)), ct);
                break;
            }
        }
        return new(outcomes, retryAt);
    }

    /// <summary>True when a new row would go out in this tick, so it is worth inserting with this host's lease.</summary>
    public bool WouldSendNow(Recovery r, OutboxRow row, DateTimeOffset now) =>
        PosterFor(r) is not null && PostingHours.IsOpen(row.HoursIn(r), now) && row.NotBefore is null && row.DueAt >= now - options.CatchUpLimit;

    private IChannelPoster? PosterFor(Recovery r) =>
        posters.FirstOrDefault(p => string.Equals(p.Platform, r.Channel.Platform, StringComparison.OrdinalIgnoreCase));

    // Rows inserted with our lease that wait behind a throttled one: free them now, not when the lease runs out.
    private async Task ReleaseAsync(IEnumerable<OutboxRow> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            row.LeaseOwner = null;
            row.LeaseUntil = null;
            await outbox.TryReplaceAsync(row, ct);
        }
    }

    /// <summary>
    /// The outcome; <c>Throttled</c> when the channel asked to wait, which holds the later posts back to keep their
    /// order. A post that threw or cannot be read is this post's problem and never holds the others back.
    /// </summary>
    private async Task<(SendOutcome Outcome, bool Throttled)> SendAsync(Recovery r, OutboxRow row, IChannelPoster poster, CancellationToken ct)
    {
        PostResult result;
        var threw = false;
        try
        {
            result = OutboxJson.TryRead(row.Payload) is { } reply
                ? await poster.PostAsync(r, reply, ct)
                : new PostResult.Failed("its stored content could not be read");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Posting {Key} for {Recovery} threw {Error}; trying again later", row.Key, r.Id, ex.GetType().Name);
            result = new PostResult.RetryLater(options.ErrorRetryDelay, ex.GetType().Name);
            threw = true;
        }
        row.Attempts++;
        row.LeaseOwner = null;
        row.LeaseUntil = null;
        var now = time.GetUtcNow(); // Retry-After counts from the answer
        var step = DeliveryRules.After(result, row.Attempts, options.MaxAttempts, now);
        switch (step)
        {
            case DeliveryStep.Sent sent:
                row.Status = OutboxRow.Sent;
                row.SentAt = now;
                row.MessageId = sent.MessageId;
                break;
            case DeliveryStep.Retry retry:
                row.NotBefore = retry.NotBefore;
                row.Error = retry.Reason;
                break;
            case DeliveryStep.Failed failed:
                row.Status = OutboxRow.Failed;
                row.Error = failed.Reason;
                break;
        }
        if (!await outbox.TryReplaceAsync(row, ct))
        {
            // Our lease ran out mid-post and another host took the row over: it may post it again.
            log.LogWarning("Lease on {Key} for {Recovery} was lost while posting", row.Key, r.Id);
            return (new(r.Id, row.Key, SendStatus.LeaseLost), false);
        }
        if (DeliveryRules.NoticeFor(step, row.PostKind, row.Key, row.DueAt, r.Zone) is { } notice)
        {
            // The channel itself may be what fails, so the lead hears it in the next check-in and operators in the log;
            // a direct message that went to the channel instead is told the same way, once.
            if (step is DeliveryStep.Failed)
            {
                log.LogWarning("Scheduled post {Key} for {Recovery} ({Platform}) failed: {Reason}", row.Key, r.Id, r.Channel.Platform, row.Error);
            }
            else
            {
                log.LogWarning("Scheduled post {Key} for {Recovery} went to the channel: the direct message could not be delivered", row.Key, r.Id);
            }
            await outbox.AddNoticeAsync(r.Id, row.Key, notice, ct);
        }
        var status = row.Status switch
        {
            OutboxRow.Sent => SendStatus.Posted,
            OutboxRow.Failed => SendStatus.Failed,
            _ => SendStatus.RetryLater,
        };
        return (new(r.Id, row.Key, status, row.Error), status == SendStatus.RetryLater && !threw);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
