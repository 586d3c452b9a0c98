using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Turns;

namespace RecoveryBot.Slack.Outbound;

/// <summary>This host's name among the hosts that share the store: machine, process and a random part, so a restart is a new host.</summary>
public sealed class OutboundHost
{
    public string Id { get; } = Name(Environment.MachineName) + "-" + Environment.ProcessId + "-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    private static string Name(string machine)
    {
        var clean = new string([.. machine.Where(char.IsAsciiLetterOrDigit).Take(40)]);
        return clean.Length > 0 ? clean : "host";
    }
}

/// <summary>
/// Runs <see cref="PostHandover"/> every <see cref="OutboxOptions.SweepEvery"/>: keeps this host's heartbeat, and
/// queues here the stored posts of hosts that went silent (killed, crashed, redeployed). A clean stop ends the
/// heartbeat at once, so the posts this host could not send are adopted without waiting for the lease to run out.
/// </summary>
internal sealed class PostHandoverWorker(OutboundHost host, OutboundQueue queue,
    IOptions<OutboxOptions> options, TimeProvider time, ILogger<PostHandoverWorker> log, PostHandover? handover = null, IRecoveryStore? store = null) : BackgroundService
{
    private static readonly TimeSpan EndWithin = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Without a store for posts (tests of the Slack channel alone) posts are sent from memory only.
        if (handover is null || store is null) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var adopted = await handover!.RoundAsync(host.Id, options.Value.HostLease, QueueAsync, stoppingToken);
                if (adopted > 0) log.LogInformation("Adopted {Count} stored post batches of hosts that went silent", adopted);
            }
            catch (StoreUnavailableException e)
            {
                log.LogWarning("Post hand-over round failed: {Error}", e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Post hand-over round failed");
            }
            try
            {
                await Task.Delay(options.Value.SweepEvery, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (handover is null) return;
        // Bounded: when storage stops with the host (a local run stops everything at once) the stop must not wait on it;
        // the heartbeat then simply runs out.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(EndWithin);
        try
        {
            await handover.EndAsync(host.Id, bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogInformation("This host's heartbeat could not be ended within {Limit}; it runs out by itself", EndWithin);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Could not end this host's heartbeat: {Error}", e.Message);
        }
    }

    private async Task QueueAsync(PendingPosts posts, CancellationToken ct)
    {
        if (await store!.GetRecoveryAsync(posts.Recovery, ct) is not { Channel.Platform: "slack" } r)
        {
            log.LogWarning("Stored posts of {Recovery} have no Slack recovery to go to; they are dropped", posts.Recovery.Value);
            await handover!.DropAsync(posts, ct);
            return;
        }
        queue.Enqueue(SlackReplies.Kept(r.Channel.Tenant, r.Address ?? r.Channel.Conversation, r.Channel, posts));
    }
}
