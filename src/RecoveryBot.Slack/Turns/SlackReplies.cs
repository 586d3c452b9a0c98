using Microsoft.Extensions.Logging;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.Api;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Outbound;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Turns;

/// <summary>
/// Sends a turn's replies the Slack way: channel posts, card updates and private replies outside an inline answer go
/// through the outbound queue; a form opens a modal at once (its trigger_id expires in 3 s). Returns the private part
/// when it belongs in the HTTP response.
/// </summary>
internal sealed class SlackReplies(OutboundQueue queue, SlackApiClient api, RecoveryService service, ILogger<SlackReplies> log)
{
    public async Task<SlackMessage?> DeliverAsync(ReplyTarget target, TurnResult result, CancellationToken ct)
    {
        var mine = new List<Reply>();
        var lines = new List<Reply>();
        foreach (var reply in result.Replies)
        {
            if (reply is Reply.Text { To: Audience.Channel }) { lines.Add(reply); continue; }
            if (reply is Reply.Card { To: Audience.Channel } card && lines.Count > 0 && !UpdatedInPlace(card.View))
            {
                // The lines just before a card go in the card's message: one post where there were several, each
                // of which would wait its turn under Slack's one-message-per-second limit for the channel.
                lines.Add(card);
                queue.Enqueue(new OutboundItem.Post(target.Team, target.Channel, MessageComposer.Compose(lines)));
                lines.Clear();
                continue;
            }
            foreach (var line in lines) queue.Enqueue(new OutboundItem.Post(target.Team, target.Channel, MessageComposer.Text(((Reply.Text)line).Message)));
            lines.Clear();
            switch (reply)
            {
                case Reply.Card { To: Audience.Channel } c:
                    queue.Enqueue(new OutboundItem.Post(target.Team, target.Channel, CardRenderer.Render(c.View), Remember(target, c.View)));
                    break;
                case Reply.UpdateCard u when MessageRef.TryParse(u.MessageId, out var channel, out var ts):
                    queue.Enqueue(new OutboundItem.Update(target.Team, channel, ts, CardRenderer.Render(u.View)));
                    break;
                case Reply.Form f:
                    if (await OpenFormAsync(target, f.Kind, null, ct) is { } problem) mine.Add(new Reply.Text(problem));
                    break;
                case Reply.Text or Reply.Card:
                    mine.Add(reply);
                    break;
            }
        }
        foreach (var line in lines) queue.Enqueue(new OutboundItem.Post(target.Team, target.Channel, MessageComposer.Text(((Reply.Text)line).Message)));
        if (mine.Count == 0) return null;
        var message = MessageComposer.Compose(mine);
        if (target.Mode == ActorMode.Inline) return message;
        Private(target, message);
        return null;
    }

    /// <summary>Sends a private message to the actor outside an HTTP response.</summary>
    public void Private(ReplyTarget target, SlackMessage message)
    {
        OutboundItem item = target.Mode switch
        {
            ActorMode.Message => new OutboundItem.Post(target.Team, target.Channel, message),
            // A new card (a log page) replaces the clicked ephemeral message; a plain line is added below it.
            ActorMode.ReplaceOriginal when target.ResponseUrl is { } url =>
                new OutboundItem.Respond(target.Team, target.Channel, url, new CommandResponse("ephemeral", message.Text, message.Blocks) { ReplaceOriginal = message.Blocks is not null }),
            _ => new OutboundItem.Ephemeral(target.Team, target.Channel, target.User, message),
        };
        queue.Enqueue(item);
    }

    /// <summary>Opens the gap or ownership modal; returns a line for the user when it could not be opened.</summary>
    public async Task<string?> OpenFormAsync(ReplyTarget target, FormKind kind, string? title, CancellationToken ct)
    {
        if (target.TriggerId is not { Length: > 0 } trigger)
        {
            // Events carry no trigger_id: offer a button, whose click does.
            var b = new BlockBuilder();
            var what = kind == FormKind.Gap ? "gap" : "ownership";
            b.Section($"Click to open the {what} form.").Buttons([b.Button("Open the form", ActionCodec.OpenForm, what, ActionStyle.Positive)]);
            Private(target, new SlackMessage($"Open the {what} form", b.Build()));
            return null;
        }
        try
        {
            await api.OpenViewAsync(target.Team, trigger, Modals.Form(kind, new ModalMeta(target.Channel, MessageTs: target.MessageTs), title), ct);
            return null;
        }
        catch (SlackApiException e)
        {
            log.LogWarning("views.open failed: {Error}", e.Error);
            return kind == FormKind.Gap
                ? $"I could not open the form ({e.Error}). Write `gap <title>` instead, or try again."
                : $"I could not open the form ({e.Error}). Please try `ownership` again.";
        }
    }

    /// <summary>An undecided approval: a decision replaces its whole message, so it is posted on its own.</summary>
    private static bool UpdatedInPlace(CardView view) => view is ApprovalCard { Decision: null };

    private Func<string, CancellationToken, Task>? Remember(ReplyTarget target, CardView view) =>
        view is ApprovalCard { Decision: null } card
            ? (ts, ct) => service.RememberCardAsync(target.Key, card.Request.Number, MessageRef.Format(target.Channel, ts), ct)
            : null;
}

/// <summary>A message id as the Core stores it: "&lt;channel&gt;|&lt;ts&gt;".</summary>
internal static class MessageRef
{
    public static string Format(string channel, string ts) => $"{channel}|{ts}";

    public static bool TryParse(string id, out string channel, out string ts)
    {
        var bar = id.IndexOf('|', StringComparison.Ordinal);
        channel = bar > 0 ? id[..bar] : "";
        ts = bar > 0 ? id[(bar + 1)..] : "";
        return channel.Length > 0 && ts.Length > 0;
    }
}
