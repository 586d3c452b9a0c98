using Microsoft.Extensions.Logging;
using RecoveryBot.Slack.Api;

namespace RecoveryBot.Slack.Outbound;

/// <summary>
/// Sends one queued message, and keeps trying while Slack says "later": a 429 waits its Retry-After and goes again
/// (the HTTP handler already retried short waits), transient failures back off. Nothing else is retried.
/// </summary>
internal sealed class OutboundSender(SlackApiClient api, TimeProvider time, ILogger<OutboundSender> log)
{
    public const int MaxRateLimitedAttempts = 30;
    public const int MaxTransientAttempts = 4;
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    public async Task DeliverAsync(OutboundItem item, CancellationToken ct)
    {
        var transient = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendAsync(item, ct);
                return;
            }
            catch (SlackApiException e) when (e.IsRateLimited && attempt < MaxRateLimitedAttempts)
            {
                var wait = e.RetryAfter is { } after ? TimeSpan.FromTicks(Math.Clamp(after.Ticks, TimeSpan.TicksPerSecond, MaxRetryAfter.Ticks)) : TimeSpan.FromSeconds(1);
                log.LogInformation("Slack {Method} to {Channel} rate limited; trying again in {Delay}", e.Method, item.Channel, wait);
                await Task.Delay(wait, time, ct);
            }
            catch (SlackApiException e) when (e.IsTransient && !e.IsRateLimited && ++transient < MaxTransientAttempts)
            {
                log.LogInformation("Slack {Method} to {Channel} failed ({Error}); trying again", e.Method, item.Channel, e.Error);
                await Task.Delay(TimeSpan.FromSeconds(1 << transient), time, ct);
            }
            catch (SlackApiException e)
            {
                log.LogWarning("Slack {Method} to {Channel} failed ({Error}); the message was not delivered", e.Method, item.Channel, e.Error);
                return;
            }
        }
    }

    private async Task SendAsync(OutboundItem item, CancellationToken ct)
    {
        switch (item)
        {
            case OutboundItem.Post p:
                var ts = await api.PostMessageAsync(p.Team, p.Channel, p.Message, ct);
                if (p.Posted is { } posted) await AfterPostAsync(posted, ts, ct);
                break;
            case OutboundItem.Update u:
                await api.UpdateAsync(u.Team, u.Channel, u.Ts, u.Message, ct);
                break;
            case OutboundItem.Direct d:
                await SendDirectAsync(d, ct);
                break;
            case OutboundItem.Ephemeral e:
                await api.PostEphemeralAsync(e.Team, e.Channel, e.User, e.Message, ct);
                break;
            case OutboundItem.Respond r:
                await api.RespondAsync(r.ResponseUrl, r.Response, ct);
                break;
        }
    }

    private async Task SendDirectAsync(OutboundItem.Direct d, CancellationToken ct)
    {
        string dm;
        try
        {
            dm = await api.OpenConversationAsync(d.Team, d.User, ct);
        }
        catch (SlackApiException e) when (!e.IsRateLimited && !e.IsTransient && e.Error != SlackApiException.NotInstalled)
        {
            // cannot_dm_bot, user_not_found, account_inactive, …: this person cannot get a DM; the channel version goes.
            log.LogDebug("Slack could not open a direct message ({Error})", e.Error);
            if (d.Fallback is { } fallback) await api.PostMessageAsync(d.Team, d.FallbackChannel, fallback, ct);
            return;
        }
        var ts = await api.PostMessageAsync(d.Team, dm, d.Message, ct);
        if (d.Posted is { } posted) await AfterPostAsync((t, c) => posted(dm, t, c), ts, ct);
    }

    private async Task AfterPostAsync(Func<string, CancellationToken, Task> posted, string ts, CancellationToken ct)
    {
        try
        {
            await posted(ts, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The post is out; only the in-place update of its card later is lost, so do not post it again.
            log.LogWarning(e, "Could not remember the posted card {Ts}", ts);
        }
    }
}
