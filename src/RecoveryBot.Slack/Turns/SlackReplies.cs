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
        var mine = new List<SlackMessage>();
        // A command from a direct message that acted on a channel's recovery posts to that channel.
        var channel = result.ActedIn is { } there ? there.Address ?? there.Channel.Conversation : target.Channel;
        var key = result.ActedIn?.Channel ?? target.Key;
        var replies = result.Replies;
        if (result.Pending is { } pending)
        {
            // Stored with the turn's changes: sent from there and marked as sent, so no host's failure loses them.
            queue.Enqueue(Kept(target.Team, channel, key, pending));
            replies = [.. replies.Where(r => !TurnPosts.IsOutgoing(r))];
        }
        foreach (var outgoing in ReplyGroups.Group(replies))
        {
            switch (outgoing)
            {
                case Outgoing.Post { To: Audience.Actor } p:
                    mine.Add(CardRenderer.Message(p.Lines, p.Card));
                    break;
                case Outgoing.OpenForm f:
                    if (await OpenFormAsync(target, f.Form, ct) is { } problem) mine.Add(CardRenderer.Text(problem));
                    break;
            }
        }
        foreach (var item in Items(target.Team, channel, key, replies)) queue.Enqueue(item);
        if (mine.Count == 0) return null;
        // The person gets one message (a slash command's HTTP answer holds exactly one), so their posts are joined.
        var message = CardRenderer.Join(mine);
        if (target.Mode == ActorMode.Inline) return message;
        Private(target, message);
        return null;
    }

    /// <summary>Stored posts as one queue item: its messages are rendered when it is sent, each marked as sent after it.</summary>
    public static OutboundItem.Kept Kept(string team, string channel, Core.Model.ChannelKey key, PendingPosts posts) => new(team, channel, key, posts);

    /// <summary>The messages of stored posts, in the order they are sent.</summary>
    public IReadOnlyList<OutboundItem> Steps(OutboundItem.Kept kept) => Items(kept.Team, kept.Channel, kept.Key, kept.Posts.Replies);

    /// <summary>
    /// The messages for a turn's posts to others: channel posts and card updates in order, then the direct messages
    /// (personal work for someone else; the channel post already mentions them).
    /// </summary>
    private List<OutboundItem> Items(string team, string channel, Core.Model.ChannelKey key, IReadOnlyList<Reply> replies)
    {
        var items = new List<OutboundItem>();
        foreach (var outgoing in ReplyGroups.Group(replies))
        {
            switch (outgoing)
            {
                case Outgoing.Post { To: Audience.Channel } p:
                    items.Add(new OutboundItem.Post(team, channel, CardRenderer.Message(p.Lines, p.Card), Remember(key, channel, p.Card)));
                    break;
                case Outgoing.Update u when MessageRef.TryParse(u.MessageId, out var shownIn, out var ts):
                    items.Add(new OutboundItem.Update(team, shownIn, ts, CardRenderer.Render(u.Card)));
                    break;
            }
        }
        foreach (var direct in replies.OfType<Reply.Direct>())
        {
            if (Message(direct.Personal) is not { } personal) continue;
            items.Add(new OutboundItem.Direct(team, direct.Person.Id, personal.Message, channel, direct.Fallback is { } f ? Message(f)?.Message : null,
                personal.Card is { Awaits: true } card ? (dm, ts, ct) => service.RememberCardAsync(key with { Conversation = dm }, card, MessageRef.Format(dm, ts), ct) : null));
        }
        return items;
    }

    /// <summary>Sends a private message to the actor outside an HTTP response.</summary>
    public void Private(ReplyTarget target, SlackMessage message)
    {
        OutboundItem item = target.Mode switch
        {
            ActorMode.Message => new OutboundItem.Post(target.Team, target.Channel, message),
            // A new card (a log page) replaces the clicked ephemeral message; a plain line is added below it.
            ActorMode.ReplaceOriginal when target.ResponseUrl is { } url =>
                new OutboundItem.Respond(target.Team, target.Channel, url, new CommandResponse("ephemeral", message.Text, message.Blocks) { ReplaceOriginal = message.Blocks?.Any(b => b is not RichTextBlock) == true }),
            _ => new OutboundItem.Ephemeral(target.Team, target.Channel, target.User, message),
        };
        queue.Enqueue(item);
    }

    /// <summary>Opens a form as a modal; returns a line for the user when it could not be opened.</summary>
    public async Task<string?> OpenFormAsync(ReplyTarget target, CardDoc form, CancellationToken ct)
    {
        var submit = form.Actions.Count > 0 ? form.Actions[0].Verb : CardVerbs.SubmitGap;
        if (target.TriggerId is not { Length: > 0 } trigger)
        {
            // Events carry no trigger_id: offer a button, whose click does.
            var b = new BlockBuilder();
            b.Lines([$"{form.Title}: click to open the form."]).Buttons([b.Button("Open the form", ActionCodec.OpenForm, submit, ActionStyle.Positive)]);
            Private(target, new SlackMessage($"Open the form: {form.Title}", b.Build()));
            return null;
        }
        try
        {
            await api.OpenViewAsync(target.Team, trigger, Modals.Form(form, new ModalMeta(target.Channel, MessageTs: target.MessageTs)), ct);
            return null;
        }
        catch (SlackApiException e)
        {
            log.LogWarning("views.open failed: {Error}", e.Error);
            return $"I could not open the form ({e.Error}). Please try again, or type the command with its text.";
        }
    }

    private static (SlackMessage Message, CardDoc? Card)? Message(Reply reply) => reply switch
    {
        Reply.Text t => (CardRenderer.Message([t.Message], null), null),
        Reply.Card c => (CardRenderer.Message([], c.Doc), c.Doc),
        _ => null,
    };

    private Func<string, CancellationToken, Task>? Remember(Core.Model.ChannelKey key, string channel, CardDoc? card) =>
        card is { Awaits: true }
            ? (ts, ct) => service.RememberCardAsync(key, card, MessageRef.Format(channel, ts), ct)
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
