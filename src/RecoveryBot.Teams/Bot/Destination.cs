using RecoveryBot.Core.Model;
using RecoveryBot.Teams.Activities;

namespace RecoveryBot.Teams.Bot;

/// <summary>Where replies go: the conversation (thread included), the activity answered if any, and the recovery's channel.</summary>
internal sealed record Destination(string ServiceUrl, string ConversationId, string? ReplyToId, ChannelAccount? Bot, ChannelAccount? User, ChannelKey Channel)
{
    public static Destination Reply(Activity a, ChannelKey channel) =>
        new(a.ServiceUrl!, a.Conversation!.Id!, a.Id, a.Recipient, a.From, channel);

    public static Destination Post(Activity a, ChannelKey channel) => Reply(a, channel) with { ReplyToId = null };

    public static Destination Proactive(ConversationAddress address) =>
        new(address.ServiceUrl, address.ConversationId, null,
            address.BotId is null ? null : new ChannelAccount { Id = address.BotId, Name = address.BotName }, null,
            new ChannelKey(TurnReader.Platform, address.TenantId ?? "", address.ConversationId));
}

/// <summary>
/// The message id Core keeps for a card (to update it in place later): the activity id plus the conversation it
/// lives in, because a card posted in a channel thread can only be updated through that thread's conversation id.
/// </summary>
internal static class MessageRef
{
    public static string Encode(string conversationId, string activityId) => $"{activityId} {conversationId}";

    public static (string ActivityId, string? ConversationId) Decode(string messageId)
    {
        var space = messageId.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (messageId, null) : (messageId[..space], messageId[(space + 1)..]);
    }
}
