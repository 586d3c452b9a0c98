using Microsoft.AspNetCore.Http;
using RecoveryBot.Core.Commands;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Turns;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Endpoints;

/// <summary>
/// POST /slack/commands: <c>/recovery &lt;command&gt;</c>. The actor's private replies are the HTTP answer
/// (ephemeral); channel posts go out through the queue after the ack.
/// </summary>
internal sealed class CommandEndpoint(SlackGate gate, SlackTurns turns, AckBudget budget)
{
    public async Task HandleAsync(HttpContext http)
    {
        SlashCommand? command;
        using (var body = await gate.ReadVerifiedAsync(http))
        {
            if (body is null) return;
            command = SlashCommand.From(body.Span);
        }
        if (command is null)
        {
            await SlackGate.Fail(http, StatusCodes.Status400BadRequest, "Not a slash command: team_id, channel_id and user_id are required.");
            return;
        }
        var text = Mrkdwn.ToPlain(command.Text);
        var parsed = CommandParser.Parse(text);
        http.Response.StatusCode = StatusCodes.Status200OK;
        if (HelpAcks.For(parsed) is { } help)
        {
            await Write(http, help);
            return;
        }
        var target = ReplyTarget.For(command.TeamId, command.ChannelId, command.UserId, command.TriggerId, ActorMode.Inline);
        // Within the ack budget the reply is the HTTP answer; later it goes to the actor as an ephemeral message.
        var (onTime, reply) = await budget.RunAsync<SlackMessage?>(ct => turns.CommandAsync(target, command.UserName, text, parsed, ct),
            (late, _) =>
            {
                if (late is not null) turns.Private(target with { Mode = ActorMode.Ephemeral }, late);
                return Task.CompletedTask;
            });
        if (!onTime || reply is null) return;  // an empty 200 is a silent ack
        await Write(http, Ack(reply));
    }

    /// <summary>The JSON answer that shows a message to the person who typed the command (only them).</summary>
    public static byte[] Ack(SlackMessage reply) =>
        SlackJson.Answer(new CommandResponse("ephemeral", reply.Text, reply.Blocks), SlackJson.Default.CommandResponse);

    public static Task Write<T>(HttpContext http, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        Write(http, SlackJson.Answer(value, info));

    /// <summary>
    /// Writes the reply in one piece with its Content-Length. (Serializing into the response stream sent it chunked:
    /// the JSON and then a terminating chunk, two writes and two socket sends for every ack.)
    /// </summary>
    public static Task Write(HttpContext http, byte[] json)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = json.Length;
        return http.Response.Body.WriteAsync(json, http.RequestAborted).AsTask();
    }
}
