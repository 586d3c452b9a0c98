using System.Text.Json;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Cards;

namespace RecoveryBot.Teams.Bot;

/// <summary>
/// The <c>adaptiveCard/action</c> invoke (Universal Actions): a click on an Action.Execute button, or a client asking
/// for its viewer's card (verb <c>refresh</c>). Answered in the HTTP response, always 200, with the card for that
/// viewer, a message, or an error (protocols.md A). Role and revision checks stay in Core: a refused, forged or
/// stale click changes nothing and is answered with the card as it stands, the reason on top.
/// </summary>
internal sealed class CardInvokes(RecoveryService service, ReplySender sender)
{
    private const string UnknownButton = "That button is not one RecoveryBot knows; nothing was changed.";
    private const string Unreadable = "That card action could not be read; nothing was changed.";

    public async Task<BotResponse> ExecuteAsync(Activity a, Turn turn, CancellationToken ct)
    {
        var execute = a.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var act) && act.ValueKind == JsonValueKind.Object ? act : (JsonElement?)null;
        var verb = execute is { } e && e.TryGetProperty("verb", out var vb) && vb.ValueKind == JsonValueKind.String ? vb.GetString() : null;
        JsonElement? data = execute is { } x && x.TryGetProperty("data", out var d) ? d : null;
        if (string.IsNullOrWhiteSpace(verb)) return new BotResponse(200, new InvokeErrorResponse(new InvokeError("BadRequest", Unreadable)));
        var subject = TurnReader.ReadSubject(data);
        var viewer = turn.Actor.Id;

        if (verb == CardRenderer.RefreshVerb)
        {
            // Every refresh gets a valid card, even for an item that is gone, so no client is left with a broken one.
            var doc = subject is null ? RecoveryDocs.Gone("This item") : await service.CurrentCardAsync(turn, subject, null, ct);
            var unchanged = TurnReader.ReadSeen(data) == viewer && subject?.Revision == doc.Subject?.Revision;
            return Card(CardRenderer.RenderFor(doc, viewer, refreshAgain: !unchanged));
        }

        if (TurnReader.ReadAction(data, verb) is not { } read) return new BotResponse(200, new InvokeMessageResponse(UnknownButton));
        var (picked, unknown) = await PickedPeople.ResolveAsync(read, a.From?.AadObjectId, turn.Actor, aad => sender.FindPickedAsync(a, turn.Channel, aad, ct));
        if (picked is not { } action) return new BotResponse(200, new InvokeMessageResponse(unknown!));
        var result = await service.HandleActionAsync(turn, action, ct);
        var replaces = result.Replies.OfType<Reply.UpdateCard>().FirstOrDefault(u => MessageRef.Decode(u.MessageId).ActivityId == a.ReplyToId);
        if (subject is null) return await WithoutSubjectAsync(a, turn, result, replaces, ct);

        // The reason of a refusal (role, stale revision, conflict) goes on top of the card as it stands now.
        var refusal = result.Outcome is Outcome.Done ? null : result.Lines.FirstOrDefault();
        var current = await service.CurrentCardAsync(turn, subject, refusal, ct, result.ActedIn);
        var rest = result.Replies.Where(r => r != replaces && (refusal is null || r is not (Reply.Text { To: Audience.Actor } or Reply.Card { To: Audience.Actor }))).ToList();
        if (result.Outcome is Outcome.Done { Changed: true } && replaces is null && a.ReplyToId is { Length: > 0 } clicked)
        {
            // Everyone's copy of the clicked message shows the new state; the clicker gets their own view below.
            rest.Add(new Reply.UpdateCard(MessageRef.Encode(a.Conversation!.Id!, clicked, a.ServiceUrl), current with { Banner = null }));
        }
        await sender.SendTurnAsync(Destination.Post(a, turn.Channel), result with { Replies = rest }, ct);
        return Card(CardRenderer.RenderFor(current, viewer, refreshAgain: true));
    }

    /// <summary>Forms and log pages: the card Core replaced (a log page), else the lines for the person who clicked.</summary>
    private async Task<BotResponse> WithoutSubjectAsync(Activity a, Turn turn, TurnResult result, Reply.UpdateCard? replaces, CancellationToken ct)
    {
        var page = replaces is null ? result.Replies.OfType<Reply.Card>().FirstOrDefault(c => c.To == Audience.Actor) : null;
        var forActor = replaces is null && page is null ? result.Replies.OfType<Reply.Text>().Where(t => t.To == Audience.Actor).ToList() : [];
        var rest = result.Replies.Where(r => r != replaces && r != page && !forActor.Contains(r)).ToList();
        await sender.SendTurnAsync(Destination.Post(a, turn.Channel), result with { Replies = rest }, ct);
        if (replaces is not null) return Card(CardRenderer.RenderFor(replaces.Doc, turn.Actor.Id, refreshAgain: true));
        if (page is not null) return Card(CardRenderer.RenderFor(page.Doc, turn.Actor.Id, refreshAgain: true));
        return new BotResponse(200, new InvokeMessageResponse(forActor.Count > 0 ? string.Join("\n\n", forActor.Select(t => CoreText.Plain(t.Message))) : "Done."));
    }

    private static BotResponse Card(AdaptiveCard card) => new(200, new InvokeCardResponse(card));
}
