using System.Text;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Cards;
using RecoveryBot.Teams.Connector;

namespace RecoveryBot.Teams.Bot;

/// <summary>
/// Sends a turn's replies through the Connector, grouped as Core groups them (<see cref="ReplyGroups"/>): one activity
/// per post (its lines as markdown text above its card), updates as PUTs. A posted card that awaits a decision is
/// remembered so the decision can replace it in place. Teams' own limit: a post whose text and card would not fit
/// one activity goes as two.
/// </summary>
internal sealed class ReplySender(ConnectorClient connector, RecoveryService service, DirectChats chats, ILogger<ReplySender> log)
{
    private const int MaxText = 20_000;

    /// <summary>
    /// Sends every reply; returns the ids of the messages posted. With <paramref name="throwOnFailure"/> false a refused
    /// send is logged and skipped. Personal replies (<see cref="Reply.Direct"/>) go to each person's 1:1 chat after the
    /// rest, their channel version to <paramref name="to"/> only when that chat cannot be reached.
    /// </summary>
    public async Task<IReadOnlyList<string>> SendAsync(Destination to, IReadOnlyList<Reply> replies, bool throwOnFailure, CancellationToken ct)
    {
        var ids = new List<string>();
        foreach (var outgoing in ReplyGroups.Group(replies))
        {
            foreach (var message in Messages(to, outgoing))
            {
                if (await TryAsync(() => SendOneAsync(to, outgoing, message, ct), throwOnFailure) is { } id) ids.Add(id);
            }
        }
        foreach (var direct in replies.OfType<Reply.Direct>())
        {
            try
            {
                await SendDirectAsync(to, direct, ct);
            }
            catch (ConnectorException ex) when (ex.IsPermanent)
            {
                log.LogDebug("A Teams user could not be messaged privately ({Status} {Code}); the channel mentions them instead", (int)ex.Status, ex.Code);
                if (direct.Fallback is { } fallback) ids.AddRange(await SendAsync(to, [fallback], throwOnFailure, ct));
            }
            catch (Exception ex) when (!throwOnFailure && ex is ConnectorException or HttpRequestException or TimeoutRejectedException)
            {
                log.LogWarning("A Teams direct message could not be delivered: {Error}", ex.Message);
            }
        }
        return ids;
    }

    /// <summary>
    /// A turn's replies from <paramref name="here"/>: all of them there, except when the turn came from a 1:1 chat and
    /// acted on a channel's recovery (<see cref="TurnResult.ActedIn"/>): then what is for the channel goes to the
    /// channel and only what is for the person stays in their chat.
    /// </summary>
    public async Task SendTurnAsync(Destination here, TurnResult result, CancellationToken ct)
    {
        if (result.ActedIn?.Address is not { } address || !ConversationAddress.TryParse(address, out var there))
        {
            await SendAsync(here, result.Replies, throwOnFailure: false, ct);
            return;
        }
        var mine = result.Replies.Where(ForActor).ToList();
        await SendAsync(here, mine, throwOnFailure: false, ct);
        await SendAsync(Destination.Proactive(there), [.. result.Replies.Where(r => !ForActor(r))], throwOnFailure: false, ct);
    }

    /// <summary>The person a people picker in a card sent from <paramref name="a"/> named by their Microsoft Entra id, if known.</summary>
    public Task<UserRef?> FindPickedAsync(Activity a, ChannelKey channel, string aadId, CancellationToken ct) =>
        a.ServiceUrl is { Length: > 0 } serviceUrl
            ? chats.FindByAadAsync(connector, channel, aadId, serviceUrl, channel.Conversation, ct)
            : Task.FromResult<UserRef?>(null);

    private static bool ForActor(Reply r) => r is Reply.Text { To: Audience.Actor } or Reply.Card { To: Audience.Actor } or Reply.Form;

    /// <summary>
    /// The personal version of <paramref name="direct"/> in the person's 1:1 chat (created when there is none), as
    /// that person's view; returns the posted ids. Throws <see cref="ConnectorException"/> when Teams refuses the chat.
    /// </summary>
    public async Task<IReadOnlyList<string>> SendDirectAsync(Destination channel, Reply.Direct direct, CancellationToken ct)
    {
        var from = new ConversationAddress(channel.ServiceUrl, channel.ConversationId, channel.Channel.Tenant, channel.Bot?.Id, channel.Bot?.Name);
        var chat = await chats.OpenAsync(connector, channel.Channel, direct.Person, from, ct);
        return await SendAsync(chat, [direct.Personal], throwOnFailure: true, ct);
    }

    /// <summary>The activities one outgoing item becomes: usually one; two when text and card would not fit together.</summary>
    private static IEnumerable<OutboundActivity> Messages(Destination to, Outgoing outgoing)
    {
        switch (outgoing)
        {
            case Outgoing.Post p:
                var text = p.Lines.Count > 0 ? Text(p.Lines) : null;
                var card = p.Card is null ? null : CardRenderer.Render(p.Card, to.Viewer ?? (p.To == Audience.Actor ? to.User?.Id : null));
                var mentions = TeamsMarkdown.MentionEntities(p.Lines);
                if (text is not null && card is not null && Encoding.UTF8.GetByteCount(text) + CardRenderer.Size(card) > CardRenderer.MaxCardBytes)
                {
                    yield return Message(to, text, null) with { Entities = mentions };
                    yield return Message(to, null, card);
                    yield break;
                }
                yield return Message(to, text, card) with { Entities = mentions };
                break;
            case Outgoing.Update u:
                // A person's own view only where the message lives in their chat; a channel's copy shows the status.
                var there = MessageRef.Decode(u.MessageId).ConversationId;
                yield return Message(to, null, CardRenderer.Render(u.Card, there is null || there == to.ConversationId ? to.Viewer : null));
                break;
            case Outgoing.OpenForm f:
                // Teams shows a form as a card with inputs in the conversation.
                yield return Message(to, null, CardRenderer.Render(f.Form, to.Viewer));
                break;
        }
    }

    /// <summary>Core's lines as one markdown message text, user input escaped (see <see cref="TeamsMarkdown"/>).</summary>
    private static string Text(IEnumerable<string> lines)
    {
        var text = string.Join("\n\n", lines.Select(TeamsMarkdown.Message));
        return text.Length > MaxText ? text[..MaxText] : text;
    }

    private async Task<string?> SendOneAsync(Destination to, Outgoing outgoing, OutboundActivity message, CancellationToken ct)
    {
        if (outgoing is Outgoing.Update update)
        {
            var (activityId, conversation, serviceUrl) = MessageRef.DecodeFull(update.MessageId);
            var target = to with { ConversationId = conversation ?? to.ConversationId, ReplyToId = null };
            await connector.UpdateAsync(serviceUrl ?? to.ServiceUrl, target.ConversationId, activityId, message with
            {
                Conversation = new OutboundConversation(target.ConversationId), ReplyToId = null,
            }, ct);
            return null;
        }
        var id = await PostAsync(to, message, ct);
        if (id is not null && outgoing is Outgoing.Post { Card: { Awaits: true } card } && message.Attachments is not null
            && await service.RememberCardAsync(to.Channel, card, MessageRef.Encode(to.ConversationId, id, to.ServiceUrl), ct) is { } decided)
        {
            // Decided before this card was remembered: it loses its buttons now instead of waiting for a refresh.
            await connector.UpdateAsync(to.ServiceUrl, to.ConversationId, id, Message(to with { ReplyToId = null }, null, CardRenderer.Render(decided, to.Viewer)), ct);
        }
        return id;
    }

    private Task<string?> PostAsync(Destination to, OutboundActivity message, CancellationToken ct) => to.ReplyToId is { } replyTo
        ? connector.ReplyAsync(to.ServiceUrl, to.ConversationId, replyTo, message, ct)
        : connector.SendToConversationAsync(to.ServiceUrl, to.ConversationId, message, ct);

    internal static OutboundActivity Message(Destination to, string? text, AdaptiveCard? card) => new()
    {
        From = to.Bot,
        Recipient = to.User,
        Conversation = new OutboundConversation(to.ConversationId),
        ReplyToId = to.ReplyToId,
        Text = text,
        TextFormat = text is null ? null : "markdown",
        Attachments = card is null ? null : [new CardAttachment(card)],
    };

    private async Task<string?> TryAsync(Func<Task<string?>> send, bool throwOnFailure)
    {
        try
        {
            return await send();
        }
        catch (Exception ex) when (!throwOnFailure && ex is ConnectorException or HttpRequestException or TimeoutRejectedException)
        {
            log.LogWarning("A Teams reply could not be delivered: {Error}", ex.Message);
            return null;
        }
    }
}
