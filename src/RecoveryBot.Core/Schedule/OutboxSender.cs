using System.Collections.Concurrent;
using System.Diagnostics;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Schedule;

/// <summary>
/// Sends one recovery's pending outbox items in order: claim (a versioned lease), post through the platform's poster,
/// then record the outcome on the claimed item. A throttled post stops the drain until its Retry-After has passed.
/// </summary>
internal sealed class OutboxSender(
    IOutbox outbox, IEnumerable<IChannelPoster> posters, SchedulerOptions options, TimeProvider time, ISchedulerLog log)
{
    private readonly ConcurrentDictionary<string, bool> warnedPlatforms = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Sends <paramref name="pending"/> (the recovery's items still to send) in order. Items named in
    /// <paramref name="claimed"/> were added with this host's lease and are sent without claiming them again.
    /// </summary>
    public async Task<DrainResult> DrainAsync(Recovery r, IReadOnlyList<OutboxItem> pending, IReadOnlySet<string> claimed, CancellationToken ct)
    {
        if (pending.Count == 0) return DrainResult.Nothing;
        var poster = PosterFor(r);
        var outcomes = new List<SendOutcome>();
        DateTimeOffset? retryAt = null;
        var ordered = pending.OrderBy(p => p.DueAt).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var item = ordered[i];
            var now = time.GetUtcNow(); // posts take time; each lease counts from its own claim
            var ours = claimed.Contains(item.Key);
            // Items owed from before quiet hours (a retry, a crashed host) wait for the morning too: the recovery's, or
            // for a personal post the recipient's own.
            var hours = item.HoursIn(r);
            if (!PostingHours.IsOpen(hours, now))
            {
                retryAt = Earliest(retryAt, PostingHours.NextOpen(hours, now));
                continue;
            }
            if (item.NotBefore > now || (!ours && item.IsLeased(now)))
            {
                retryAt = Earliest(retryAt, item.IsLeased(now) ? item.LeaseUntil : item.NotBefore);
                continue;
            }
            if (item.DueAt < now - options.CatchUpLimit)
            {
                if (await outbox.TryUpdateAsync(item with { Status = OutboxStatus.Expired }, ct) is null) continue;
                log.Expired(r.Id, item.Key, item.DueAt);
                outcomes.Add(new(r.Id, item.Key, SendStatus.Expired));
                continue;
            }
            if (poster is null)
            {
                if (warnedPlatforms.TryAdd(r.Channel.Platform, true)) log.NoPoster(r.Channel.Platform);
                outcomes.Add(new(r.Id, item.Key, SendStatus.NoPoster));
                continue;
            }
            // A lease taken at insert that has run half its time is renewed, so a long drain never posts on a lapsing lease.
            if (!ours || item.LeaseUntil < now + options.LeaseDuration / 2)
            {
                var leased = await outbox.TryUpdateAsync(item with { LeaseOwner = options.Owner, LeaseUntil = now + options.LeaseDuration }, ct);
                if (leased is null) continue; // another host claimed it first
                item = leased;
            }
            var (outcome, throttled, notBefore) = await SendAsync(r, item, poster, ct);
            outcomes.Add(outcome);
            if (outcome.Status == SendStatus.RetryLater) retryAt = Earliest(retryAt, notBefore);
            // Throttled: later items of this channel wait as well, so the order of posts is kept.
            if (throttled)
            {
                await ReleaseAsync(ordered.Skip(i + 1).Where(later => claimed.Contains(later.Key)), ct);
                break;
            }
        }
        return new(outcomes, retryAt);
    }

    /// <summary>True when a new item would go out in this tick, so it is worth adding with this host's lease.</summary>
    public bool WouldSendNow(Recovery r, OutboxItem item, DateTimeOffset now) =>
        PosterFor(r) is not null && PostingHours.IsOpen(item.HoursIn(r), now) && item.NotBefore is null && item.DueAt >= now - options.CatchUpLimit;

    private IChannelPoster? PosterFor(Recovery r) =>
        posters.FirstOrDefault(p => string.Equals(p.Platform, r.Channel.Platform, StringComparison.OrdinalIgnoreCase));

    // Items added with our lease that wait behind a throttled one: free them now, not when the lease runs out.
    private async Task ReleaseAsync(IEnumerable<OutboxItem> items, CancellationToken ct)
    {
        foreach (var item in items) await outbox.TryUpdateAsync(item with { LeaseOwner = null, LeaseUntil = null }, ct);
    }

    /// <summary>
    /// The outcome, and when to try again; <c>Throttled</c> when the channel asked to wait, which holds the later posts
    /// back to keep their order. A post that threw or cannot be read is this post's problem and never holds the others back.
    /// </summary>
    private async Task<(SendOutcome Outcome, bool Throttled, DateTimeOffset? NotBefore)> SendAsync(Recovery r, OutboxItem item, IChannelPoster poster, CancellationToken ct)
    {
        PostResult result;
        var threw = false;
        try
        {
            result = outbox.TryDecode(item.Content) is { } reply
                ? await poster.PostAsync(r, reply, ct)
                : new PostResult.Failed("its stored content could not be read");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.PosterThrew(r.Id, item.Key, ex);
            result = new PostResult.RetryLater(options.ErrorRetryDelay, ex.GetType().Name);
            threw = true;
        }
        item = item with { Attempts = item.Attempts + 1, LeaseOwner = null, LeaseUntil = null };
        var now = time.GetUtcNow(); // Retry-After counts from the answer
        var step = DeliveryRules.After(result, item.Attempts, options.MaxAttempts, now);
        item = step switch
        {
            DeliveryStep.Sent sent => item with { Status = OutboxStatus.Sent, SentAt = now, MessageId = sent.MessageId },
            DeliveryStep.Retry retry => item with { NotBefore = retry.NotBefore, Error = retry.Reason },
            DeliveryStep.Failed failed => item with { Status = OutboxStatus.Failed, Error = failed.Reason },
            _ => throw new UnreachableException(step.GetType().Name),
        };
        if (await outbox.TryUpdateAsync(item, ct) is null)
        {
            // Our lease ran out mid-post and another host took the item over: it may post it again.
            log.LeaseLost(r.Id, item.Key);
            return (new(r.Id, item.Key, SendStatus.LeaseLost), false, null);
        }
        if (DeliveryRules.NoticeFor(step, item.Kind, item.Key, item.DueAt, r.Zone) is { } notice)
        {
            // The channel itself may be what fails, so the lead hears it in the next check-in and operators in the log;
            // a direct message that went to the channel instead is told the same way, once.
            if (step is DeliveryStep.Failed) log.Undelivered(r.Id, item.Key, r.Channel.Platform, item.Error);
            else log.WentToChannel(r.Id, item.Key);
            await outbox.AddNoticeAsync(r.Id, item.Key, notice, ct);
        }
        var status = item.Status switch
        {
            OutboxStatus.Sent => SendStatus.Posted,
            OutboxStatus.Failed => SendStatus.Failed,
            _ => SendStatus.RetryLater,
        };
        return (new(r.Id, item.Key, status, item.Error), status == SendStatus.RetryLater && !threw, item.NotBefore);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
