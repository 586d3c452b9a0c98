using System.Text.Json;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode message: <c>hello</c>, <c>disconnect</c> (with <see cref="Reason"/>), or an envelope
/// (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>) whose <see cref="EnvelopeId"/> must be acked.
/// </summary>
internal sealed record SocketEnvelope(string? Type, string? EnvelopeId, JsonElement? Payload, bool? AcceptsResponsePayload,
    int? RetryAttempt, string? RetryReason, string? Reason, int? NumConnections);

/// <summary>The ack of an envelope; <see cref="Payload"/> is the answer where Slack expects one (a slash command's reply, modal errors).</summary>
internal sealed record SocketAck(string EnvelopeId, JsonElement? Payload);

internal sealed record ConnectionsOpenResult(bool Ok, string? Error, string? Url) : ApiResult(Ok, Error);

/// <summary>
/// Marks a request built from a Socket Mode envelope: it came over the connection the app-level token opened, so it
/// carries no signature. Only set in process (see <see cref="SocketDispatcher"/>); no HTTP request can carry it.
/// </summary>
internal sealed class SocketModeRequest
{
    public static readonly SocketModeRequest Instance = new();
}
