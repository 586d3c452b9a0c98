using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecoveryBot.Slack.Outbound;

/// <summary>
/// Drains the outbound queue with one lane per channel: a lane sends its messages in order and waits
/// <see cref="SlackOptions.ChannelPacing"/> after each post or update, so a busy channel never holds up another.
/// A lane ends as soon as it is empty; the next message for that channel starts a new one.
/// </summary>
internal sealed class OutboundWorker(OutboundQueue queue, OutboundSender sender, Turns.SlackReplies replies, IOptions<SlackOptions> options, TimeProvider time,
    ILogger<OutboundWorker> log, Core.App.ITurnOutbox? outbox = null, Core.App.PostHandover? handover = null) : BackgroundService
{
    /// <summary>
    /// Announcements queued behind this many messages of their channel wait as a reference only and are derived again
    /// from the store when their turn comes, so a burst of reports (paced at one a second per channel) does not hold
    /// every rendered card in memory.
    /// </summary>
    public const int KeepRenderedPerLane = 16;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Channel<OutboundItem>> _lanes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _backlog = new(StringComparer.Ordinal);

    /// <summary>Channels with a running lane (a lane ends when its channel has nothing left to send).</summary>
    internal int ActiveLanes
    {
        get { lock (_gate) return _lanes.Count; }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken))
            {
                lock (_gate)
                {
                    if (!_lanes.TryGetValue(item.Lane, out var lane))
                    {
                        lane = Channel.CreateUnbounded<OutboundItem>(new UnboundedChannelOptions { SingleReader = true });
                        _lanes[item.Lane] = lane;
                        _ = RunLaneAsync(item.Lane, lane, stoppingToken);
                    }
                    var waiting = _backlog.GetValueOrDefault(item.Lane);
                    _backlog[item.Lane] = waiting + 1;
                    lane.Writer.TryWrite(waiting >= KeepRenderedPerLane && handover is not null && item is OutboundItem.Kept { Posts: { Announces: not null, Replies.Count: > 0 } p } k
                        ? k with { Posts = p with { Replies = [] } }
                        : item);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; what is still queued is lost with this host (see OutboundQueue).
        }
    }

    private async Task DeliverAsync(string key, OutboundItem item, CancellationToken stop)
    {
        try
        {
            await sender.DeliverAsync(item, stop);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Sending a Slack message to {Channel} failed unexpectedly", key);
        }
    }

    /// <summary>
    /// Sends stored posts from the first one not yet out, marking each as sent right after it: a host that dies in
    /// between sends at most that one post twice, through the host that adopts its posts. A post Slack refuses for good
    /// is marked too (sending it again would not help).
    /// </summary>
    private async Task SendKeptAsync(string key, OutboundItem.Kept kept, CancellationToken stop)
    {
        if (kept.Posts is { Announces: not null, Replies.Count: 0 } reference)
        {
            Core.App.PendingPosts? derived;
            try
            {
                derived = await DeriveAsync(key, reference, stop);
            }
            catch (Core.App.StoreUnavailableException e)
            {
                // Still stored and unmarked: sent by whichever host adopts this one's posts.
                log.LogWarning("An announcement for {Channel} could not be read and waits in storage: {Error}", key, e.Message);
                return;
            }
            if (derived is null)
            {
                await MarkAsync(kept, int.MaxValue, stop);
                return;
            }
            kept = kept with { Posts = derived };
        }
        IReadOnlyList<OutboundItem> steps;
        try
        {
            steps = replies.Steps(kept);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Stored posts for {Channel} could not be rendered; they are dropped", key);
            await MarkAsync(kept, kept.Posts.Replies.Count, stop);
            return;
        }
        for (var i = kept.Posts.Sent; i < steps.Count; i++)
        {
            await DeliverAsync(key, steps[i], stop);
            await MarkAsync(kept, i + 1 == steps.Count ? kept.Posts.Replies.Count : i + 1, stop);
            if (steps[i].Paced) await Task.Delay(options.Value.ChannelPacing, time, stop);
        }
        if (steps.Count <= kept.Posts.Sent) await MarkAsync(kept, kept.Posts.Replies.Count, stop);
    }

    /// <summary>An announcement waiting as a reference, derived again from the store (a few tries while storage is away).</summary>
    private async Task<Core.App.PendingPosts?> DeriveAsync(string key, Core.App.PendingPosts posts, CancellationToken stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await handover!.DeriveAsync(posts, stop);
            }
            catch (Core.App.StoreUnavailableException e) when (attempt < 5)
            {
                log.LogInformation("Reading an announcement for {Channel} failed ({Error}); trying again", key, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1 << attempt), time, stop);
            }
        }
    }

    private async Task MarkAsync(OutboundItem.Kept kept, int sent, CancellationToken stop)
    {
        if (outbox is null) return;
        try
        {
            await outbox.MarkSentAsync(kept.Posts, sent, stop);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Sent but not marked: if this host stops before the mark is written again, the post may go out twice.
            log.LogWarning("Could not mark stored posts for {Channel} as sent: {Error}", kept.Channel, e.Message);
        }
    }

    private async Task RunLaneAsync(string key, Channel<OutboundItem> lane, CancellationToken stop)
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                if (!lane.Reader.TryRead(out var item))
                {
                    // Writers hold the gate too, so nothing can arrive between this last look and the removal.
                    // (Not Reader.Count: a single-reader unbounded channel cannot count and throws.)
                    lock (_gate)
                    {
                        if (!lane.Reader.TryRead(out item))
                        {
                            _lanes.Remove(key);
                            _backlog.Remove(key);
                            return;
                        }
                    }
                }
                lock (_gate) _backlog[key] = Math.Max(0, _backlog.GetValueOrDefault(key) - 1);
                if (item is OutboundItem.Kept kept)
                {
                    await SendKeptAsync(key, kept, stop);
                    continue;
                }
                await DeliverAsync(key, item, stop);
                if (item.Paced) await Task.Delay(options.Value.ChannelPacing, time, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
