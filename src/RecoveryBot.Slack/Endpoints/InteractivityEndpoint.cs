using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Turns;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Endpoints;

/// <summary>
/// POST /slack/interactivity: one form field <c>payload=</c> with JSON. Button clicks (block_actions) run at once,
/// or first open a note modal when the button asks for one; modal submits and the "Log as gap" shortcut are in
/// <see cref="SubmissionHandler"/>.
/// </summary>
internal sealed class InteractivityEndpoint(SlackGate gate, SlackTurns turns, HomeTab home, SubmissionHandler submissions, AckBudget budget, IDeliveryClaims claims,
    IOptions<SlackOptions> options, ILogger<InteractivityEndpoint> log)
{
    public async Task HandleAsync(HttpContext http)
    {
        InteractionPayload? payload;
        using (var body = await gate.ReadVerifiedAsync(http))
        {
            if (body is null) return;
            payload = Read(body.Span);
        }
        if (payload?.User?.Id is not { Length: > 0 } user || Team(payload) is not { Length: > 0 } team)
        {
            await SlackGate.Fail(http, StatusCodes.Status400BadRequest, "Not a Slack interaction: expected payload= with JSON naming the user and team.");
            return;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        switch (payload.Type)
        {
            case "block_actions":
                // Clicks answer nothing in the HTTP body: past the ack budget they finish on the host's lifetime.
                await budget.RunAsync(async c => { await ClaimedClickAsync(payload, team, user, c); return true; }, (_, _) => Task.CompletedTask);
                break;
            case "view_submission":
                // Errors keep the modal open only in the HTTP answer; past the budget the modal closes and the
                // reason reaches the person privately.
                var (onTime, errors) = await budget.RunAsync(c => submissions.SubmitAsync(payload, team, user, c),
                    (late, _) => { if (late is not null) submissions.SayRefused(payload, team, user, late); return Task.CompletedTask; });
                if (onTime && errors is not null) await CommandEndpoint.Write(http, errors, SlackJson.Default.ViewErrors);
                break;
            case "message_action":
                await budget.RunAsync(async c => { await submissions.ShortcutAsync(payload, team, user, c); return true; }, (_, _) => Task.CompletedTask);
                break;
        }
    }

    /// <summary>The claims' scope of button clicks: one click (workspace, user, action_ts) runs once across hosts.</summary>
    public const string ClickScope = "slack-click";

    // A click delivered twice (a retry through a proxy, a double submit) carries the same action_ts: it runs once.
    private async Task ClaimedClickAsync(InteractionPayload p, string team, string user, CancellationToken ct)
    {
        if (p.Actions is not [{ ActionTs: { Length: > 0 } ts }, ..])
        {
            await ClickAsync(p, team, user, ct);
            return;
        }
        var id = $"{team}.{user}.{ts}";
        if (!await claims.TryClaimAsync(ClickScope, id, ct))
        {
            log.LogInformation("Slack click {Click} already handled; acknowledged", id);
            return;
        }
        try
        {
            await ClickAsync(p, team, user, ct);
        }
        catch
        {
            await claims.ReleaseAsync(ClickScope, id, CancellationToken.None);
            throw;
        }
        await claims.CompleteAsync(ClickScope, id, CancellationToken.None);
    }

    private async Task ClickAsync(InteractionPayload p, string team, string user, CancellationToken ct)
    {
        if (p.Actions is not [var action, ..]) return;
        // A click on the Home tab has no channel: it acts as a click in the person's DM with the bot.
        var fromHome = p.Container?.Type == "view" && p.View?.Type == "home";
        ReplyTarget target;
        if (fromHome)
        {
            if (await home.DirectTargetAsync(team, user, p.TriggerId, ct) is not { } direct) return;
            target = direct;
        }
        else
        {
            if ((p.Channel?.Id ?? p.Container?.ChannelId) is not { Length: > 0 } shownIn) return;
            var ephemeral = p.Container?.IsEphemeral == true && TrustedResponseUrl(p.ResponseUrl) is not null;
            target = ReplyTarget.For(team, shownIn, user, p.TriggerId, ephemeral ? ActorMode.ReplaceOriginal : ActorMode.Ephemeral)
                with { ResponseUrl = TrustedResponseUrl(p.ResponseUrl) };
        }
        var channel = target.Channel;

        if (ActionCodec.Verb(action.ActionId) == ActionCodec.OpenForm)
        {
            // The button carries the form's submit verb; buttons posted before that carried "gap" or "ownership".
            var form = action.Value == "ownership" ? CardVerbs.SubmitOwnership : action.Value ?? "";
            if (await turns.OpenFormAsync(target with { Mode = ActorMode.Ephemeral }, FormDocs.For(form), ct) is { } problem) turns.Say(target, problem);
            return;
        }
        var click = ActionCodec.Decode(action.ActionId, action.Value);
        if (click.Note is { } note)
        {
            var a = click.Action;
            var meta = new ModalMeta(channel, a.Verb, a.Gap?.Number, a.Change, a.Revision, p.Container?.MessageTs);
            var button = action.Text?.Text is { Length: > 0 } text ? text : "Add a note";
            var title = a.Gap is { } g ? $"{g}: {button}" : a.Change is { } n ? $"CR-{n}: {button}" : button;
            await submissions.OpenNoteAsync(target with { Mode = ActorMode.Ephemeral }, Modals.Note(title, note, meta), ct);
            return;
        }
        var result = await turns.ActionAsync(target, p.User?.Name, click.Action, ct);
        await turns.DeliverAsync(target, result, ct);
        if (fromHome) await home.PublishAsync(team, user, HomeTab.BannerOf(result), ct);
    }

    /// <summary>response_url is only followed to Slack's own hooks host (or the configured API host, for tests).</summary>
    internal Uri? TrustedResponseUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var api = options.Value.ApiBaseUrl;
        if (uri.Scheme == Uri.UriSchemeHttps && uri.Host == "hooks.slack.com") return uri;
        return uri.Scheme == api.Scheme && uri.Host == api.Host && uri.Port == api.Port ? uri : null;
    }

    internal static string? Team(InteractionPayload p) => p.Team?.Id ?? p.User?.TeamId;

    internal static InteractionPayload? Read(ReadOnlySpan<byte> body)
    {
        var form = FormBody.Parse(body);
        if (!form.TryGetValue("payload", out var json) || json.Count != 1 || string.IsNullOrEmpty(json[0])) return null;
        try
        {
            return JsonSerializer.Deserialize(json[0]!, SlackJson.Default.InteractionPayload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
