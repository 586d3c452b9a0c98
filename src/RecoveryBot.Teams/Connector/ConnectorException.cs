using System.Net;

namespace RecoveryBot.Teams.Connector;

/// <summary>
/// The Bot Connector refused a send after any retries. <see cref="Code"/> is Teams' error code, e.g.
/// <c>ConversationNotFound</c>, <c>BotNotInConversationRoster</c>, <c>MessageWritesBlocked</c>.
/// </summary>
public sealed class ConnectorException(HttpStatusCode status, string? code, string message) : Exception(message)
{
    public HttpStatusCode Status => status;

    public string? Code => code;

    /// <summary>403 and 404 mean the reference is stale or the bot was blocked: retrying later will not help.</summary>
    public bool IsPermanent => status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest
        or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.Unauthorized;
}
