using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Turns;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Endpoints;

/// <summary>
/// POST /slack/events: <c>url_verification</c>, <c>app_mention</c> / direct messages (<c>message.im</c>) run as
/// commands, and <c>app_home_opened</c> (the Home tab) publishes the person's items. Each event_id runs once across hosts (<see cref="IDeliveryClaims"/>); Slack's retries (X-Slack-Retry-Num)
/// of a claimed id are just acknowledged, and a run that failed is released so Slack's next retry runs it.
/// </summary>
internal sealed class EventsEndpoint(SlackGate gate, SlackTurns turns, HomeTab home, IDeliveryClaims claims, AckBudget budget, Install.SlackTokens tokens, ILogger<EventsEndpoint> log)
{
    public async Task HandleAsync(HttpContext http)
    {
        EventEnvelope? envelope;
        using (var body = await gate.ReadVerifiedAsync(http))
        {
            if (body is null) return;
            envelope = Read(body.Span);
        }
        if (envelope is null)
        {
            await SlackGate.Fail(http, StatusCodes.Status400BadRequest, "Not a Slack event: the body must be JSON.");
            return;
        }
        if (envelope.Type == "url_verification")
        {
            if (envelope.Challenge is not { } challenge) await SlackGate.Fail(http, StatusCodes.Status400BadRequest, "url_verification without a challenge.");
            else await CommandEndpoint.Write(http, new ChallengeReply(challenge), SlackJson.Default.ChallengeReply);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        if (envelope is not { Type: "event_callback", EventId: { } id, Event: { } ev }) return;
        // Claim, run and complete within the ack budget: a failure then answers 500 and Slack retries; a run still
        // going when the budget is spent is acknowledged and finishes on the host's lifetime.
        var retry = http.Request.Headers["X-Slack-Retry-Num"].ToString();
        var (onTime, claim) = await budget.RunAsync(ct => ClaimAndRunAsync(envelope, ev, id, retry, ct),
            (_, _) => Task.CompletedTask);
        // Another host has the event and has not finished it: no 200, so Slack tries again later. By then that run has
        // finished (the retry is acknowledged) or its host has stopped and the claim's lease ended (the retry runs it).
        if (onTime && claim == ClaimOutcome.Running) http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
    }

    private async Task<ClaimOutcome> ClaimAndRunAsync(EventEnvelope envelope, SlackEvent ev, string id, string retry, CancellationToken ct)
    {
        var claim = await claims.ClaimAsync(ClaimScope, id, ct);
        if (claim is not (ClaimOutcome.Claimed or ClaimOutcome.Reclaimed))
        {
            log.LogInformation("Slack event {EventId} is {State} elsewhere; retry {Retry} answered", id, claim == ClaimOutcome.Running ? "running" : "already handled", retry);
            return claim;
        }
        try
        {
            await RunAsync(envelope, ev, id, claim == ClaimOutcome.Reclaimed, ct);
        }
        catch
        {
            await claims.ReleaseAsync(ClaimScope, id, CancellationToken.None);
            throw;
        }
        await claims.CompleteAsync(ClaimScope, id, CancellationToken.None);
        return claim;
    }

    /// <summary>The claims' scope of Events API event_ids.</summary>
    public const string ClaimScope = "slack-event";

    private async Task RunAsync(EventEnvelope envelope, SlackEvent ev, string id, bool redelivered, CancellationToken ct)
    {
        if (Install.Uninstall.Applies(ev))
        {
            await Install.Uninstall.RunAsync(tokens, envelope, log, ct);
            return;
        }
        var bot = envelope.Authorizations?.FirstOrDefault(a => a.IsBot != false)?.UserId;
        if (ev.Type == "app_home_opened")
        {
            // The Messages tab is the DM itself; only the Home tab is ours to draw.
            if (ev.Tab == "home" && ev.User is { Length: > 0 } person && person != bot && (envelope.TeamId ?? ev.Team) is { Length: > 0 } workspace)
            {
                await home.PublishAsync(workspace, person, null, ct);
            }
            return;
        }
        if (ev.BotId is not null || ev.Subtype is not null || ev.User is not { Length: > 0 } user || ev.Channel is not { Length: > 0 } channel) return;
        if (user == bot) return;
        var team = envelope.TeamId ?? ev.Team;
        if (string.IsNullOrEmpty(team)) return;

        ReplyTarget target;
        string text;
        if (ev.Type == "app_mention")
        {
            target = ReplyTarget.For(team, channel, user, null, ActorMode.Ephemeral) with { Origin = id, Redelivered = redelivered };
            text = StripMention(ev.Text ?? "", bot);
        }
        else if (ev.Type == "message" && ev.ChannelType == "im")
        {
            target = ReplyTarget.For(team, channel, user, null, ActorMode.Message) with { Origin = id, Redelivered = redelivered };
            text = ev.Text ?? "";
        }
        else return;
        await turns.CommandAsync(target, null, Mrkdwn.ToPlain(text), ct);
    }

    /// <summary>Removes the bot's own mention (<c>&lt;@UBOT&gt;</c> or <c>&lt;@UBOT|name&gt;</c>) wherever it is.</summary>
    internal static string StripMention(string text, string? bot)
    {
        if (bot is null)
        {
            // Without the installation's bot id, drop only a leading mention: that is the one that addressed us.
            return text.StartsWith("<@", StringComparison.Ordinal) && text.IndexOf('>', StringComparison.Ordinal) is var end and > 0
                ? text[(end + 1)..].Trim() : text.Trim();
        }
        foreach (var form in (string[])[$"<@{bot}>", $"<@{bot}|"])
        {
            for (var at = text.IndexOf(form, StringComparison.Ordinal); at >= 0; at = text.IndexOf(form, StringComparison.Ordinal))
            {
                var end = text.IndexOf('>', at);
                if (end < 0) break;
                text = string.Concat(text.AsSpan(0, at), " ", text.AsSpan(end + 1));
            }
        }
        return text.Trim();
    }

    internal static EventEnvelope? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, SlackJson.Default.EventEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
