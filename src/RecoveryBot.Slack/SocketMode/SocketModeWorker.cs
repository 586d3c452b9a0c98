using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryBot.Slack.Api;

namespace RecoveryBot.Slack.SocketMode;

/// <summary>
/// Keeps <see cref="SlackOptions.SocketConnections"/> Socket Mode connections open while an app-level token is set.
/// A <c>disconnect</c> (Slack refreshes connections every few hours) reconnects at once while the other connection
/// carries the traffic; a dropped socket or a failed open reconnects after a backoff (1 s doubling to 30 s, jittered).
/// </summary>
internal sealed class SocketModeWorker(SocketConnection connection, IOptions<SlackOptions> options, TimeProvider time,
    ILogger<SocketModeWorker> log) : BackgroundService
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SocketModeEnabled) return Task.CompletedTask;
        log.LogInformation("Slack Socket Mode: keeping {Count} connections open", options.Value.SocketConnections);
        return Task.WhenAll(Enumerable.Range(1, options.Value.SocketConnections).Select(slot => KeepOpenAsync(slot, stoppingToken)));
    }

    private async Task KeepOpenAsync(int slot, CancellationToken stop)
    {
        await Task.Yield();
        var backoff = FirstBackoff;
        while (!stop.IsCancellationRequested)
        {
            var opened = time.GetUtcNow();
            try
            {
                var reason = await connection.RunAsync(slot, stop);
                log.LogInformation("Slack Socket Mode connection {Slot}: disconnect ({Reason}); reconnecting", slot, reason);
                backoff = FirstBackoff;
                continue;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A connection that lived a while was fine; start the backoff again.
                if (time.GetUtcNow() - opened > MaxBackoff) backoff = FirstBackoff;
                var reason = e is SlackApiException s ? s.Error : e.GetType().Name + ": " + e.Message;
                log.LogWarning("Slack Socket Mode connection {Slot} dropped ({Reason}); reconnecting in {Delay}", slot, reason, backoff);
            }
            try
            {
                var jitter = TimeSpan.FromMilliseconds(RandomNumberGenerator.GetInt32(0, (int)(backoff.TotalMilliseconds / 4) + 1));
                await Task.Delay(backoff + jitter, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }
}
