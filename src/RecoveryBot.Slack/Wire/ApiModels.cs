using RecoveryBot.Slack.BlockKit;

namespace RecoveryBot.Slack.Wire;

/// <summary>Body of chat.postMessage, chat.update (with <see cref="Ts"/>) and chat.postEphemeral (with <see cref="User"/>).</summary>
internal sealed record ChatRequest(string Channel, string Text, IReadOnlyList<Block>? Blocks, string? Ts = null, string? User = null);

internal sealed record ViewsOpenRequest(string TriggerId, ModalView View);

internal sealed record ViewsPublishRequest(string UserId, HomeView View);

internal sealed record ConversationsOpenRequest(string Users);

/// <summary>The common part of every Web API answer.</summary>
internal record ApiResult(bool Ok, string? Error);

internal sealed record ChatResult(bool Ok, string? Error, string? Channel, string? Ts) : ApiResult(Ok, Error);

internal sealed record PermalinkResult(bool Ok, string? Error, string? Permalink) : ApiResult(Ok, Error);

internal sealed record ConversationResult(bool Ok, string? Error, ConversationRef? Channel) : ApiResult(Ok, Error);

internal sealed record ConversationRef(string? Id);

internal sealed record UserResult(bool Ok, string? Error, SlackUser? User) : ApiResult(Ok, Error);

internal sealed record SlackUser(string? Id, string? Name, string? RealName, UserProfile? Profile)
{
    /// <summary>The user's time zone as Slack knows it, an IANA id ("Europe/Amsterdam").</summary>
    public string? Tz { get; init; }

    /// <summary>What people see: the display name, else the real name, else the handle.</summary>
    public string? DisplayName => NonEmpty(Profile?.DisplayName) ?? NonEmpty(Profile?.RealName) ?? NonEmpty(RealName) ?? NonEmpty(Name);

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

internal sealed record UserProfile(string? DisplayName, string? RealName);

/// <summary>An immediate answer to a slash command, or a post to a <c>response_url</c>.</summary>
internal sealed record CommandResponse(string ResponseType, string Text, IReadOnlyList<Block>? Blocks)
{
    public bool? ReplaceOriginal { get; init; }
}

/// <summary>A view_submission answer that keeps the modal open and shows errors under fields.</summary>
internal sealed record ViewErrors(string ResponseAction, IReadOnlyDictionary<string, string> Errors);

internal sealed record ChallengeReply([property: System.Text.Json.Serialization.JsonPropertyName("challenge")] string Value);

/// <summary>The answer of oauth.v2.access (a bot token for one workspace, or an org for an org-wide install).</summary>
internal sealed record OAuthAccess(bool Ok, string? Error, string? AccessToken, string? TokenType, string? Scope, string? BotUserId,
    string? AppId, NamedRef? Team, NamedRef? Enterprise, AuthedUser? AuthedUser, bool? IsEnterpriseInstall) : ApiResult(Ok, Error)
{
    // The generated ToString would print the token.
    public override string ToString() => $"OAuthAccess {{ ok {Ok}, team {Team?.Id}, enterprise {Enterprise?.Id} }}";
}

internal sealed record NamedRef(string? Id, string? Name);

internal sealed record AuthedUser(string? Id);
