using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.Api;
using Microsoft.Extensions.Options;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Install;

namespace RecoveryBot.Slack.Turns;

/// <summary>Runs one Core turn for a Slack request (inline: the Core is fast) and hands its replies on.</summary>
internal sealed class SlackTurns(RecoveryService service, SlackReplies replies, UserDirectory users, SlackTokens tokens, IOptions<SlackOptions> options,
    Outbound.OutboundHost host, ITurnOutbox? outbox = null)
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
        if (await NotInstalledAsync(target, ct) is { } missing) return await replies.DeliverAsync(target, TurnResult.Say(missing), ct);
        if (parsed is ParseResult.Ok && text!.Contains("<@", StringComparison.Ordinal))
        {
            text = await users.NameMentionsAsync(target.Key.Tenant, text, ct);
            parsed = CommandParser.Parse(text);
        }
        if (parsed is ParseResult.Error e) return await replies.DeliverAsync(target, TurnResult.Say(e.Line), ct);

        var command = ((ParseResult.Ok)parsed).Command;
        var name = await users.NameAsync(target.Key.Tenant, target.User, userName, ct);
        return await replies.DeliverAsync(target, await service.HandleAsync(Turn(target, name) with { Text = text }, command, ct), ct);
    }

    /// <summary>A button click or a form submit.</summary>
    public async Task<TurnResult> ActionAsync(ReplyTarget target, string? userName, CardAction action, CancellationToken ct)
    {
        if (await NotInstalledAsync(target, ct) is { } missing) return TurnResult.Say(missing);
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

    /// <summary>
    /// A workspace without an installation gets this line and nothing else: no turn runs, no data changes, and no
    /// other workspace's token is tried.
    /// </summary>
    private async Task<string?> NotInstalledAsync(ReplyTarget target, CancellationToken ct)
    {
        if (await tokens.FindAsync(target.Team, ct) is not null) return null;
        var o = options.Value;
        return o.OAuthEnabled && Uri.TryCreate(o.RedirectUrl, UriKind.Absolute, out var redirect)
            ? $"RecoveryBot is not installed in this workspace. An admin can add it at {new Uri(redirect, "/slack/install")} and then try again."
            : "RecoveryBot has no Slack bot token for this workspace (Slack__BotToken is empty); nothing was changed.";
    }

    // Posts to others are stored with the turn and sent by this host from there (when a store for them is registered).
    private Turn Turn(ReplyTarget target, string name) =>
        new(target.Key, new UserRef(target.User, name), target.Channel) { Direct = target.IsDirect, PostsBy = outbox is null ? null : host.Id, Origin = target.Origin, Redelivered = target.Redelivered };
}
