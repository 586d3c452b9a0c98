using System.Globalization;
using System.Text.Json;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Activities;

/// <summary>Who acts and where, read from an activity; the only code that knows Teams' id shapes.</summary>
internal static class TurnReader
{
    public const string Platform = "teams";
    private const string ThreadSuffix = ";messageid=";

    /// <summary>A channel thread (<c>19:…@thread.tacv2;messageid=…</c>) belongs to the channel's recovery.</summary>
    public static string ChannelConversation(string conversationId)
    {
        var at = conversationId.IndexOf(ThreadSuffix, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? conversationId : conversationId[..at];
    }

    /// <summary>Null when the activity lacks what every turn needs (conversation, sender, serviceUrl).</summary>
    public static Turn? Read(Activity a)
    {
        if (a.Conversation?.Id is not { Length: > 0 } conversation || a.From?.Id is not { Length: > 0 } fromId
            || a.ServiceUrl is not { Length: > 0 } serviceUrl) return null;
        var tenant = a.TenantId ?? "";
        var channel = new ChannelKey(Platform, tenant, ChannelConversation(conversation));
        var actor = new UserRef(fromId, a.From.Name is { Length: > 0 } n ? n : fromId);
        var address = new ConversationAddress(serviceUrl, channel.Conversation, a.TenantId, a.Recipient?.Id, a.Recipient?.Name);
        return new Turn(channel, actor, address.ToJson()) { Direct = IsPersonal(a) };
    }

    /// <summary>The person's 1:1 chat with the bot: commands there that name an item act on the channel's recovery.</summary>
    public static bool IsPersonal(Activity a) => string.Equals(a.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A card click: <c>{"rb":verb,"gap":"G-7","cr":3,"rev":5}</c> merged with the card's input values (Action.Submit),
    /// or an Action.Execute's <c>verb</c> and <c>data</c>. Null when the value is not an object.
    /// </summary>
    public static CardAction? ReadAction(JsonElement? value, string? executeVerb = null)
    {
        var data = value is { ValueKind: JsonValueKind.Object } v ? v : default;
        if (data.ValueKind != JsonValueKind.Object && executeVerb is null) return null;
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in data.EnumerateObject().Take(64))
            {
                if (Scalar(p.Value) is { } text && p.Name is not ("rb" or "gap" or "cr" or "rev" or "msteams" or "card" or "seen"))
                    inputs[Cards.CardRenderer.InputName(p.Name)] = text.Length > 4000 ? text[..4000] : text;
            }
        }
        var verb = executeVerb ?? Scalar(Get(data, "rb")) ?? Scalar(Get(data, "verb")) ?? "";
        GapId? gap = GapId.TryParse(Scalar(Get(data, "gap")), out var g) ? g : null;
        return new CardAction(verb.Trim(), gap, Int(Get(data, "cr")), Int(Get(data, "rev")), inputs);
    }

    /// <summary>The card a click or refresh came from (<c>card</c>, <c>gap</c>/<c>cr</c>, <c>rev</c> in its data); null for cards without one.</summary>
    public static CardSubject? ReadSubject(JsonElement? value)
    {
        var data = value is { ValueKind: JsonValueKind.Object } v ? v : default;
        CardKind? kind = Scalar(Get(data, "card")) switch
        {
            "gap" => CardKind.Gap,
            "detail" => CardKind.GapDetail,
            "retest" => CardKind.Retest,
            "change" => CardKind.Change,
            _ => null,
        };
        if (kind is not { } k) return null;
        GapId? gap = GapId.TryParse(Scalar(Get(data, "gap")), out var g) ? g : null;
        int? change = Int(Get(data, "cr")) is > 0 and var n ? n : null;
        if (k == CardKind.Change ? change is null : gap is null) return null;
        return new CardSubject(k, k == CardKind.Change ? null : gap, k == CardKind.Change ? change : null, Int(Get(data, "rev")) ?? -1);
    }

    /// <summary>Whose view a refreshed card is (<c>seen</c> in its refresh data).</summary>
    public static string? ReadSeen(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v ? Scalar(Get(v, "seen")) : null;

    private static JsonElement? Get(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) ? v : null;

    private static string? Scalar(JsonElement? v) => v?.ValueKind switch
    {
        JsonValueKind.String => v.Value.GetString(),
        JsonValueKind.Number => v.Value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static int? Int(JsonElement? v) =>
        int.TryParse(Scalar(v), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
