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
internal sealed class OutboundWorker(OutboundQueue queue, OutboundSender sender, IOptions<SlackOptions> options, TimeProvider time,
    ILogger<OutboundWorker> log) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Channel<OutboundItem>> _lanes = new(StringComparer.Ordinal);

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
                    lane.Writer.TryWrite(item);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; what is still queued is lost with this host (see OutboundQueue).
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
                            return;
                        }
                    }
                }
                try
                {
                    await sender.DeliverAsync(item, stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Sending a Slack message to {Channel} failed unexpectedly", key);
                }
                if (item.Paced) await Task.Delay(options.Value.ChannelPacing, time, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
