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
/// Sends a turn's replies through the Connector, in order: texts that follow each other go as one message (fewer
/// sends per thread, and the Connector paces each send to a thread), and a card goes in the same message as the
/// texts just before it when they are for the same audience (Teams shows the text above the card); other cards
/// go as Adaptive Card attachments of their own, updates as PUTs. A posted approval card is remembered so the
/// decision can replace it in place.
/// </summary>
internal sealed class ReplySender(ConnectorClient connector, RecoveryService service, ILogger<ReplySender> log)
{
    private const int MaxText = 20_000;

    /// <summary>Sends every reply; returns the ids of the messages posted. With <paramref name="throwOnFailure"/> false a refused send is logged and skipped.</summary>
    public async Task<IReadOnlyList<string>> SendAsync(Destination to, IReadOnlyList<Reply> replies, bool throwOnFailure, CancellationToken ct)
    {
        var ids = new List<string>();
        var texts = new List<Reply.Text>();
        foreach (var reply in replies)
        {
            if (reply is Reply.Text t) { texts.Add(t); continue; }
            if (reply is Reply.Card card && WithLead(to, texts, card) is { } merged)
            {
                await FlushAsync();
                if (await TryAsync(() => PostAsync(to, merged, ct), throwOnFailure) is { } mergedId) ids.Add(mergedId);
                continue;
            }
            await FlushAsync();
            if (await TryAsync(() => SendOneAsync(to, reply, ct), throwOnFailure) is { } id) ids.Add(id);
        }
        await FlushAsync();
        return ids;

        async Task FlushAsync()
        {
            if (texts.Count == 0) return;
            var message = Message(to, Text(texts), null);
            texts.Clear();
            if (await TryAsync(() => PostAsync(to, message, ct), throwOnFailure) is { } id) ids.Add(id);
        }
    }

    /// <summary>
    /// One message with <paramref name="card"/> and the texts right before it that are for the card's audience
    /// (taken out of <paramref name="texts"/>), or null when there are none, when the card is an approval that will
    /// be updated in place (an update replaces the whole message, so the line would vanish), or when both would
    /// not fit one message.
    /// </summary>
    private static OutboundActivity? WithLead(Destination to, List<Reply.Text> texts, Reply.Card card)
    {
        var count = 0;
        while (count < texts.Count && texts[texts.Count - 1 - count].To == card.To) count++;
        if (count == 0 || UpdatedInPlace(card.View)) return null;
        var lead = texts.GetRange(texts.Count - count, count);
        var text = Text(lead);
        var rendered = CardRenderer.Render(card.View);
        if (Encoding.UTF8.GetByteCount(text) + CardRenderer.Size(rendered) > CardRenderer.MaxCardBytes) return null;
        texts.RemoveRange(texts.Count - count, count);
        return Message(to, text, rendered);
    }

    /// <summary>An undecided approval: its message id is kept so the decision can replace the card.</summary>
    private static bool UpdatedInPlace(CardView view) => view is ApprovalCard { Decision: null, Request.State: ApprovalState.Pending };

    /// <summary>Core's lines as one markdown message text, user input escaped (see <see cref="TeamsMarkdown"/>).</summary>
    private static string Text(IEnumerable<Reply.Text> texts)
    {
        var text = string.Join("\n\n", texts.Select(t => TeamsMarkdown.Message(t.Message)));
        return text.Length > MaxText ? text[..MaxText] : text;
    }

    private async Task<string?> SendOneAsync(Destination to, Reply reply, CancellationToken ct)
    {
        switch (reply)
        {
            case Reply.Card { View: var view }:
                var id = await PostAsync(to, Message(to, null, CardRenderer.Render(view)), ct);
                if (id is not null && UpdatedInPlace(view) && view is ApprovalCard { Request: var request })
                    await service.RememberCardAsync(to.Channel, request.Number, MessageRef.Encode(to.ConversationId, id), ct);
                return id;
            case Reply.Form form:
                return await PostAsync(to, Message(to, null, CardRenderer.Form(form.Kind)), ct);
            case Reply.UpdateCard update:
                var (activityId, conversation) = MessageRef.Decode(update.MessageId);
                var target = to with { ConversationId = conversation ?? to.ConversationId, ReplyToId = null };
                await connector.UpdateAsync(to.ServiceUrl, target.ConversationId, activityId, Message(target, null, CardRenderer.Render(update.View)), ct);
                return null;
            default:
                return null;
        }
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
