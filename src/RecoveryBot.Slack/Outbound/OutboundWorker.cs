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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken))
            {
                lock (_gate)
                {
                    if (!_lanes.TryGetValue(item.Channel, out var lane))
                    {
                        lane = Channel.CreateUnbounded<OutboundItem>(new UnboundedChannelOptions { SingleReader = true });
                        _lanes[item.Channel] = lane;
                        _ = RunLaneAsync(item.Channel, lane, stoppingToken);
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
                    lock (_gate)
                    {
                        if (lane.Reader.Count == 0)
                        {
                            _lanes.Remove(key);
                            return;
                        }
                    }
                    continue;
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
