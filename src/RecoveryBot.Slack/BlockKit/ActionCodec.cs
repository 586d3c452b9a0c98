using System.Globalization;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>A decoded button click: the card action, and whether a note must be asked for first.</summary>
internal sealed record Click(CardAction Action, string? NoteLabel, bool NoteRequired)
{
    /// <summary>The note to ask for before the click counts, as the Core defines note inputs.</summary>
    public FormInput? Note => NoteLabel is null ? null : FormDocs.NoteInput(NoteLabel, NoteRequired);
}

/// <summary>
/// Button wire format. <c>action_id</c> is the verb, with <c>:suffix</c> when one message shows the verb twice.
/// <c>value</c> is compact: <c>g:&lt;gap&gt;:&lt;rev&gt;</c> or <c>c:&lt;change&gt;:&lt;rev&gt;</c>, then <c>:!label</c>
/// (note required) or <c>:?label</c> (note optional); log pages are <c>l:&lt;filter&gt;:&lt;page&gt;</c>; a recovery picked
/// for a command typed in a direct message is <c>r:&lt;recovery&gt;:0:&lt;command&gt;</c>.
/// </summary>
internal static class ActionCodec
{
    /// <summary>Buttons that open a form (from an event, where there is no trigger_id to open it at once).</summary>
    public const string OpenForm = "open-form";

    public static string ActionId(string verb, string? suffix = null) =>
        SlackLimits.Truncate(suffix is null ? verb : $"{verb}:{suffix}", SlackLimits.ActionId);

    public static string Verb(string? actionId)
    {
        if (string.IsNullOrEmpty(actionId)) return "";
        var colon = actionId.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? actionId : actionId[..colon];
    }

    public static string Value(ActionView a)
    {
        if (a.Page is { } page) return PageValue(a.Filter ?? LogFilter.Open, page);
        if (a.Recovery is { } recovery) return $"r:{recovery}:0:{a.Command}";
        var target = a.Gap is { } g ? $"g:{N(g.Number)}:{N(a.Revision)}" : $"c:{N(a.Change ?? 0)}:{N(a.Revision)}";
        if (a.Note is not { } note) return target;
        return SlackLimits.Truncate($"{target}:{(note.Required ? '!' : '?')}{note.Label}", SlackLimits.ButtonValue);
    }

    public static string PageValue(LogFilter filter, int page) => $"l:{filter.ToString().ToLowerInvariant()}:{N(page)}";

    /// <summary>Reads a click; unknown shapes still decode (with no target), and the Core refuses them politely.</summary>
    public static Click Decode(string? actionId, string? value)
    {
        var verb = Verb(actionId);
        var parts = (value ?? "").Split(':', 4);
        var empty = new Dictionary<string, string>();
        if (parts.Length < 3) return new Click(new CardAction(verb, null, null, null, empty), null, false);
        if (parts[0] == "r" && parts.Length == 4)
        {
            var picked = new Dictionary<string, string> { [FormFields.Recovery] = parts[1], [FormFields.Command] = parts[3] };
            return new Click(new CardAction(verb, null, null, null, picked), null, false);
        }
        if (parts[0] == "l")
        {
            var inputs = new Dictionary<string, string> { [FormFields.Filter] = parts[1], [FormFields.Page] = parts[2] };
            return new Click(new CardAction(verb, null, null, null, inputs), null, false);
        }
        int? number = Int(parts[1]);
        var revision = Int(parts[2]);
        GapId? gap = parts[0] == "g" && number is >= 1 and <= GapId.MaxNumber ? new GapId(number.Value) : null;
        int? change = parts[0] == "c" && number is >= 1 ? number : null;
        string? label = null;
        var required = false;
        if (parts.Length == 4 && parts[3].Length > 1 && parts[3][0] is '!' or '?')
        {
            label = parts[3][1..];
            required = parts[3][0] == '!';
        }
        return new Click(new CardAction(verb, gap, change, revision, empty), label, required);
    }

    private static int? Int(string s) =>
        s.Length <= 9 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
