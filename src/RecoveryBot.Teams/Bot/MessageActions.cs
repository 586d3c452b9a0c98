using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Cards;

namespace RecoveryBot.Teams.Bot;

/// <summary>
/// "Log as gap" on any message (a message extension action command, manifest <c>composeExtensions</c>):
/// <c>composeExtension/fetchTask</c> opens the gap form in a dialog with the message as its title, and
/// <c>composeExtension/submitAction</c> logs the gap in the channel's recovery, linked back to the message.
/// Everything else about the report (rules, limits, refusals) is <c>gap</c>'s, in Core.
/// </summary>
internal sealed partial class MessageActions(RecoveryService service, ReplySender sender)
{
    public const string LogAsGap = "logAsGap";
    public const string FetchTask = "composeExtension/fetchTask";
    public const string SubmitAction = "composeExtension/submitAction";
    private const string UnknownCommand = "That message action is not one RecoveryBot knows; nothing was changed.";

    public async Task<BotResponse> FetchAsync(Activity a, Turn turn, CancellationToken ct)
    {
        if (CommandId(a) != LogAsGap) return Say(UnknownCommand);
        if (!await service.HasRecoveryAsync(turn.Channel, ct)) return Say(RecoveryService.NoRecovery);
        var form = FormDocs.Gap(Title(Payload(a)));
        var card = CardRenderer.RenderDialog(form);
        return new BotResponse(200, new TaskModuleResponse(new TaskModuleContinue(new TaskModuleInfo("Log as gap", new CardAttachment(card)))));
    }

    public async Task<BotResponse> SubmitAsync(Activity a, Turn turn, CancellationToken ct)
    {
        if (CommandId(a) != LogAsGap) return Say(UnknownCommand);
        var data = a.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("data", out var d) ? d : (JsonElement?)null;
        if (TurnReader.ReadAction(data, CardVerbs.SubmitGap) is not { } read) return Say(UnknownCommand);
        var inputs = new Dictionary<string, string>(read.Inputs, StringComparer.Ordinal);
        inputs.Remove(FormFields.Link);
        if (Links.Web(Scalar(Payload(a), "linkToMessage")) is { } link) inputs[FormFields.Link] = link;
        var result = await service.HandleActionAsync(turn, read with { Inputs = inputs }, ct);
        if (result.Outcome is not Outcome.Done) return Say(string.Join(" ", result.Lines.Select(CoreText.Plain)));
        // The report goes to the message's conversation as `gap` would post it; the dialog closes on a short line.
        var toChannel = result.Replies.Where(r => r is not Reply.Text { To: Audience.Actor }).ToList();
        await sender.SendAsync(Destination.Post(a, turn.Channel), toChannel, throwOnFailure: false, ct);
        var lines = result.Replies.OfType<Reply.Text>().Select(t => CoreText.Plain(t.Message)).ToList();
        return Say(lines.Count > 0 ? string.Join(" ", lines) : "Logged.");
    }

    private static BotResponse Say(string line) => new(200, new TaskModuleResponse(new TaskModuleMessage(line)));

    private static string? CommandId(Activity a) =>
        a.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("commandId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static JsonElement? Payload(Activity a) =>
        a.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("messagePayload", out var p) && p.ValueKind == JsonValueKind.Object ? p : null;

    /// <summary>The message's text as a title: Teams sends its body as HTML (mentions as &lt;at&gt;), so tags go and entities are decoded.</summary>
    internal static string? Title(JsonElement? payload)
    {
        if (payload is not { } p || !p.TryGetProperty("body", out var body) || Scalar(body, "content") is not { Length: > 0 } whole) return null;
        var content = whole.Length > 8000 ? whole[..8000] : whole; // a title needs 200 characters; the rest is never read
        var html = Scalar(body, "contentType") is { } type && !type.Equals("html", StringComparison.OrdinalIgnoreCase) ? null : content;
        var text = html is null ? content : WebUtility.HtmlDecode(Tags().Replace(Breaks().Replace(html, " "), ""));
        var line = Spaces().Replace(text, " ").Trim();
        return line.Length > 0 ? line : null;
    }

    private static string? Scalar(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex("<(br|/p|/div|/li)\\b[^>]*>", RegexOptions.IgnoreCase, 100)]
    private static partial Regex Breaks();

    [GeneratedRegex("<[^>]*>", RegexOptions.None, 100)]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+", RegexOptions.None, 100)]
    private static partial Regex Spaces();
}
