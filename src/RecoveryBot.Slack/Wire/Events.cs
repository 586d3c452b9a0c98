namespace RecoveryBot.Slack.Wire;

/// <summary>An Events API request: <c>url_verification</c> or an <c>event_callback</c> envelope.</summary>
internal sealed record EventEnvelope(
    string? Type,
    string? Challenge,
    string? TeamId,
    string? EnterpriseId,
    string? EventId,
    SlackEvent? Event,
    IReadOnlyList<EventAuthorization>? Authorizations);

internal sealed record SlackEvent(
    string? Type,
    string? Subtype,
    string? User,
    string? BotId,
    string? Text,
    string? Channel,
    string? ChannelType,
    string? Ts,
    string? Team,
    RevokedTokens? Tokens = null,
    string? Tab = null);

/// <summary>What a <c>tokens_revoked</c> event names: user ids whose OAuth and bot tokens were revoked.</summary>
internal sealed record RevokedTokens(IReadOnlyList<string>? Oauth, IReadOnlyList<string>? Bot);

/// <summary>The installation an event is for; <see cref="UserId"/> is the bot's own user id.</summary>
internal sealed record EventAuthorization(string? TeamId, string? UserId, bool? IsBot);
