using System.Text.Json;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;

namespace RecoveryBot.Teams.Bot;

/// <summary>What the endpoint answers: an HTTP status and, for an invoke, its body.</summary>
internal sealed record BotResponse(int Status, object? Body = null)
{
    public static readonly BotResponse Ok = new(200);
}

/// <summary>One activity → at most one Core turn → replies through the Connector (or the invoke response).</summary>
internal sealed class TeamsBot(RecoveryService service, ReplySender sender, Welcome welcome, DirectChats chats)
{
    private readonly CardInvokes _cards = new(service, sender);
    private readonly MessageActions _messageActions = new(service, sender);

    public Task<BotResponse> HandleAsync(Activity a, CancellationToken ct) => a.Type switch
    {
        ActivityTypes.Message => OnMessageAsync(a, ct),
        ActivityTypes.Invoke => OnInvokeAsync(a, ct),
        ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate => OnInstallAsync(a, ct),
        _ => Task.FromResult(BotResponse.Ok),
    };

    private async Task<BotResponse> OnMessageAsync(Activity a, CancellationToken ct)
    {
        if (TurnReader.Read(a) is not { } turn) return new BotResponse(400);
        var seen = chats.SeeAsync(a, turn, ct);
        var text = MentionText.Normalize(a);
        turn = turn with { Text = text };
        var picked = IsClick(a) && TurnReader.ReadAction(a.Value) is { } read
            ? await PickedPeople.ResolveAsync(read, a.From?.AadObjectId, turn.Actor, aad => sender.FindPickedAsync(a, turn.Channel, aad, ct))
            : default;
        var result = picked.Refusal is { } refusal ? TurnResult.Refuse(refusal)
            : picked.Action is { } action ? await service.HandleActionAsync(turn, action, ct)
            : CommandParser.Parse(text) switch
            {
                ParseResult.Ok ok => await service.HandleAsync(turn, ok.Command, ct),
                ParseResult.Error e => TurnResult.Say(e.Line),
                _ => throw new InvalidOperationException(),
            };
        await sender.SendTurnAsync(Destination.Reply(a, turn.Channel), result, ct);
        await seen;
        return BotResponse.Ok;
    }

    /// <summary>
    /// An Action.Submit click: a value object and no typed text (or our own data marker). New cards use Action.Execute;
    /// this keeps working the buttons of cards posted before, which stay in channels.
    /// </summary>
    private static bool IsClick(Activity a) => a.Value is { ValueKind: JsonValueKind.Object } v
        && (string.IsNullOrWhiteSpace(a.Text) || v.TryGetProperty("rb", out _));

    /// <summary>
    /// Invokes are answered in the HTTP response (protocols.md A): card actions (Action.Execute and refresh) and the
    /// "Log as gap" message action; any other invoke is not implemented (501, as the Bot Framework SDK answers).
    /// </summary>
    private Task<BotResponse> OnInvokeAsync(Activity a, CancellationToken ct)
    {
        if (a.Name is not (ActivityTypes.AdaptiveCardAction or MessageActions.FetchTask or MessageActions.SubmitAction)) return Task.FromResult(new BotResponse(501));
        if (TurnReader.Read(a) is not { } turn) return Task.FromResult(new BotResponse(400));
        return InvokeAsync(a, turn, ct);
    }

    private async Task<BotResponse> InvokeAsync(Activity a, Turn turn, CancellationToken ct)
    {
        var seen = chats.SeeAsync(a, turn, ct);
        var response = await (a.Name switch
        {
            ActivityTypes.AdaptiveCardAction => _cards.ExecuteAsync(a, turn, ct),
            MessageActions.FetchTask => _messageActions.FetchAsync(a, turn, ct),
            _ => _messageActions.SubmitAsync(a, turn, ct),
        });
        await seen;
        return response;
    }

    private async Task<BotResponse> OnInstallAsync(Activity a, CancellationToken ct)
    {
        if (!Welcome.BotAdded(a) || TurnReader.Read(a) is not { } turn || !welcome.ShouldWelcome(turn.Channel.Conversation)) return BotResponse.Ok;
        await sender.SendAsync(Destination.Post(a, turn.Channel) with { ConversationId = turn.Channel.Conversation },
            [new Reply.Text(Welcome.Text(a))], throwOnFailure: false, ct);
        return BotResponse.Ok;
    }
}
