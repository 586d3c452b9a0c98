using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.Api;
using RecoveryBot.Slack.BlockKit;

namespace RecoveryBot.Slack.Turns;

/// <summary>Runs one Core turn for a Slack request (inline: the Core is fast) and hands its replies on.</summary>
internal sealed class SlackTurns(RecoveryService service, SlackReplies replies, UserDirectory users)
{
    /// <summary>A typed command. Help and parse errors answer without any lookup or storage.</summary>
    public Task<SlackMessage?> CommandAsync(ReplyTarget target, string? userName, string? text, CancellationToken ct) =>
        CommandAsync(target, userName, text, CommandParser.Parse(text), ct);

    /// <summary>A typed command the caller has already parsed (<paramref name="parsed"/> is <c>CommandParser.Parse(text)</c>).</summary>
    public async Task<SlackMessage?> CommandAsync(ReplyTarget target, string? userName, string? text, ParseResult parsed, CancellationToken ct)
    {
        if (parsed is ParseResult.Ok { Command: HelpCommand help })
        {
            return await replies.DeliverAsync(target, await service.HandleAsync(Turn(target, userName ?? target.User), help, ct), ct);
        }
        if (parsed is ParseResult.Ok && text!.Contains("<@", StringComparison.Ordinal))
        {
            parsed = CommandParser.Parse(await users.NameMentionsAsync(target.Key.Tenant, text, ct));
        }
        if (parsed is ParseResult.Error e) return await replies.DeliverAsync(target, TurnResult.Say(e.Line), ct);

        var command = ((ParseResult.Ok)parsed).Command;
        var name = await users.NameAsync(target.Key.Tenant, target.User, userName, ct);
        return await replies.DeliverAsync(target, await service.HandleAsync(Turn(target, name), command, ct), ct);
    }

    /// <summary>A button click or a form submit.</summary>
    public async Task<TurnResult> ActionAsync(ReplyTarget target, string? userName, CardAction action, CancellationToken ct)
    {
        var name = await users.NameAsync(target.Key.Tenant, target.User, userName, ct);
        return await service.HandleActionAsync(Turn(target, name), action, ct);
    }

    public Task<SlackMessage?> DeliverAsync(ReplyTarget target, TurnResult result, CancellationToken ct) =>
        replies.DeliverAsync(target, result, ct);

    public void Say(ReplyTarget target, string line) => replies.Private(target, CardRenderer.Text(line));

    /// <summary>A reply that missed its HTTP answer (the ack budget was spent) goes to the actor afterwards.</summary>
    public void Private(ReplyTarget target, SlackMessage message) => replies.Private(target, message);

    public Task<string?> OpenFormAsync(ReplyTarget target, CardDoc form, CancellationToken ct) =>
        replies.OpenFormAsync(target, form, ct);

    private static Turn Turn(ReplyTarget target, string name) => new(target.Key, new UserRef(target.User, name), target.Channel);
}
