using System.Text.Json;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Cards;

namespace RecoveryBot.Teams.Bot;

/// <summary>What the endpoint answers: an HTTP status and, for an invoke, its body.</summary>
internal sealed record BotResponse(int Status, InvokeResponse? Invoke = null)
{
    public static readonly BotResponse Ok = new(200);
}

/// <summary>One activity → at most one Core turn → replies through the Connector (or the invoke response).</summary>
internal sealed class TeamsBot(RecoveryService service, ReplySender sender, Welcome welcome)
{
    private const string UnknownButton = "That button is not one RecoveryBot knows; nothing was changed.";

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
        var result = IsClick(a) && TurnReader.ReadAction(a.Value) is { } action
            ? await service.HandleActionAsync(turn, action, ct)
            : CommandParser.Parse(MentionText.Normalize(a)) switch
            {
                ParseResult.Ok ok => await service.HandleAsync(turn, ok.Command, ct),
                ParseResult.Error e => TurnResult.Say(e.Line),
                _ => throw new InvalidOperationException(),
            };
        await sender.SendAsync(Destination.Reply(a, turn.Channel), result.Replies, throwOnFailure: false, ct);
        return BotResponse.Ok;
    }

    /// <summary>An Action.Submit click: a value object and no typed text (or our own data marker).</summary>
    private static bool IsClick(Activity a) => a.Value is { ValueKind: JsonValueKind.Object } v
        && (string.IsNullOrWhiteSpace(a.Text) || v.TryGetProperty("rb", out _));

    /// <summary>Action.Execute must be answered in the HTTP response (protocols.md A); other invokes are not implemented.</summary>
    private async Task<BotResponse> OnInvokeAsync(Activity a, CancellationToken ct)
    {
        if (!string.Equals(a.Name, ActivityTypes.AdaptiveCardAction, StringComparison.Ordinal)) return new BotResponse(501);
        if (TurnReader.Read(a) is not { } turn) return new BotResponse(400);
        var execute = a.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var act) && act.ValueKind == JsonValueKind.Object ? act : (JsonElement?)null;
        var verb = execute is { } e && e.TryGetProperty("verb", out var vb) && vb.ValueKind == JsonValueKind.String ? vb.GetString() : null;
        JsonElement? data = execute is { } x && x.TryGetProperty("data", out var d) ? d : null;
        if (verb is null || TurnReader.ReadAction(data, verb) is not { } action)
            return new BotResponse(200, new InvokeMessageResponse(UnknownButton));

        var result = await service.HandleActionAsync(turn, action, ct);
        var replaces = result.Replies.OfType<Reply.UpdateCard>().FirstOrDefault(u => MessageRef.Decode(u.MessageId).ActivityId == a.ReplyToId);
        var forActor = replaces is null ? result.Replies.OfType<Reply.Text>().Where(t => t.To == Audience.Actor).ToList() : [];
        var rest = result.Replies.Where(r => r != replaces && !forActor.Contains(r)).ToList();
        await sender.SendAsync(Destination.Post(a, turn.Channel), rest, throwOnFailure: false, ct);
        InvokeResponse body = replaces is not null
            ? new InvokeCardResponse(CardRenderer.Render(replaces.Doc))
            : new InvokeMessageResponse(forActor.Count > 0 ? string.Join("\n\n", forActor.Select(t => t.Message)) : "Done.");
        return new BotResponse(200, body);
    }

    private async Task<BotResponse> OnInstallAsync(Activity a, CancellationToken ct)
    {
        if (!Welcome.BotAdded(a) || TurnReader.Read(a) is not { } turn || !welcome.ShouldWelcome(turn.Channel.Conversation)) return BotResponse.Ok;
        await sender.SendAsync(Destination.Post(a, turn.Channel) with { ConversationId = turn.Channel.Conversation },
            [new Reply.Text(Welcome.Text(a))], throwOnFailure: false, ct);
        return BotResponse.Ok;
    }
}
