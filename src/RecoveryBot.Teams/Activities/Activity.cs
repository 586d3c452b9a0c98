using System.Text.Json;

namespace RecoveryBot.Teams.Activities;

/// <summary>An inbound Bot Framework activity: only the fields RecoveryBot reads (protocols.md A).</summary>
internal sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ReplyToId { get; init; }
    public string? Action { get; init; }
    public JsonElement? Value { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public TeamsChannelData? ChannelData { get; init; }

    /// <summary>The sender's time zone as Teams reports it, an IANA id ("Europe/Berlin"); absent on some activities.</summary>
    public string? LocalTimezone { get; init; }

    /// <summary>The tenant: <c>channelData.tenant.id</c> first, else <c>conversation.tenantId</c>.</summary>
    public string? TenantId => ChannelData?.Tenant?.Id is { Length: > 0 } t ? t : Conversation?.TenantId;
}

internal static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string AdaptiveCardAction = "adaptiveCard/action";
}

internal sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
}

internal sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }
    public string? Name { get; init; }
}

/// <summary>A <c>mention</c> entity (<c>clientInfo</c> and others are read as the same shape and ignored).</summary>
internal sealed record Entity
{
    public string? Type { get; init; }
    public ChannelAccount? Mentioned { get; init; }
    public string? Text { get; init; }
}

internal sealed record TeamsChannelData
{
    public TenantInfo? Tenant { get; init; }
    public TeamInfo? Team { get; init; }
    public TeamInfo? Channel { get; init; }
    public string? EventType { get; init; }
}

internal sealed record TenantInfo(string? Id);

internal sealed record TeamInfo(string? Id, string? Name);
