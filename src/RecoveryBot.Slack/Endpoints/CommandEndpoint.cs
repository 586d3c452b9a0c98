using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RecoveryBot.Slack.Turns;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Endpoints;

/// <summary>
/// POST /slack/commands: <c>/recovery &lt;command&gt;</c>. The actor's private replies are the HTTP answer
/// (ephemeral); channel posts go out through the queue after the ack.
/// </summary>
internal sealed class CommandEndpoint(SlackGate gate, SlackTurns turns)
{
    public async Task HandleAsync(HttpContext http)
    {
        using var body = await gate.ReadVerifiedAsync(http);
        if (body is null) return;
        if (SlashCommand.From(FormBody.Parse(body.Span)) is not { } command)
        {
            await SlackGate.Fail(http, StatusCodes.Status400BadRequest, "Not a slash command: team_id, channel_id and user_id are required.");
            return;
        }
        var target = ReplyTarget.For(command.TeamId, command.ChannelId, command.UserId, command.TriggerId, ActorMode.Inline);
        var reply = await turns.CommandAsync(target, command.UserName, command.Text, http.RequestAborted);
        http.Response.StatusCode = StatusCodes.Status200OK;
        if (reply is null) return;  // an empty 200 is a silent ack
        await Write(http, new CommandResponse("ephemeral", reply.Text, reply.Blocks), SlackJson.Default.CommandResponse);
    }

    /// <summary>
    /// Writes the reply in one piece with its Content-Length. (Serializing into the response stream sent it chunked:
    /// the JSON and then a terminating chunk, two writes and two socket sends for every ack.)
    /// </summary>
    public static Task Write<T>(HttpContext http, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, info);
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }
}
