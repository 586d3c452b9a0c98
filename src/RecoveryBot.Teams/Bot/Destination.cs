using RecoveryBot.Core.Model;
using RecoveryBot.Teams.Activities;

namespace RecoveryBot.Teams.Bot;

/// <summary>Where replies go: the conversation (thread included), the activity answered if any, and the recovery's channel.</summary>
internal sealed record Destination(string ServiceUrl, string ConversationId, string? ReplyToId, ChannelAccount? Bot, ChannelAccount? User, ChannelKey Channel)
{
    /// <summary>
    /// The one person who reads this conversation (a 1:1 chat), or null for a channel or group chat: cards posted to a
    /// person carry the buttons of their roles, cards posted to a channel only the buttons anyone may press.
    /// </summary>
    public string? Viewer { get; init; }

    public static Destination Reply(Activity a, ChannelKey channel) =>
        new(a.ServiceUrl!, a.Conversation!.Id!, a.Id, a.Recipient, a.From, channel) { Viewer = TurnReader.IsPersonal(a) ? a.From?.Id : null };

    public static Destination Post(Activity a, ChannelKey channel) => Reply(a, channel) with { ReplyToId = null };

    public static Destination Proactive(ConversationAddress address) =>
        new(address.ServiceUrl, address.ConversationId, null,
            address.BotId is null ? null : new ChannelAccount { Id = address.BotId, Name = address.BotName }, null,
            new ChannelKey(TurnReader.Platform, address.TenantId ?? "", address.ConversationId));
}

/// <summary>
/// The message id Core keeps for a card (to update it in place later): the activity id plus the conversation it
/// lives in, because a card posted in a channel thread can only be updated through that thread's conversation id,
/// and the serviceUrl it was posted through (the update goes there even when the decision arrives through another).
/// </summary>
internal static class MessageRef
{
    public static string Encode(string conversationId, string activityId, string? serviceUrl = null) =>
        serviceUrl is { Length: > 0 } url ? $"{activityId} {conversationId} {url}" : $"{activityId} {conversationId}";

    public static (string ActivityId, string? ConversationId) Decode(string messageId)
    {
        var (activity, conversation, _) = DecodeFull(messageId);
        return (activity, conversation);
    }

    public static (string ActivityId, string? ConversationId, string? ServiceUrl) DecodeFull(string messageId)
    {
        var parts = messageId.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            >= 3 => (parts[0], parts[1], parts[2]),
            2 => (parts[0], parts[1], null),
            _ => (messageId, null, null),
        };
    }
}
