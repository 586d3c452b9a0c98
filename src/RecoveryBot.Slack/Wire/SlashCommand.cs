using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace RecoveryBot.Slack.Wire;

/// <summary>A slash command, read from its form-encoded body (field order is not relied on).</summary>
internal sealed record SlashCommand(string TeamId, string ChannelId, string UserId, string UserName, string Command,
    string Text, string? TriggerId, string? ResponseUrl)
{
    private static readonly string[] Fields = ["team_id", "channel_id", "user_id", "user_name", "command", "text", "trigger_id", "response_url"];

    /// <summary>
    /// Reads only the fields a command uses, with the same rules as <see cref="FormBody.Parse"/> then a lookup (names
    /// decoded and case-insensitive, '+' is a space, a repeated field counts as missing) but without building the
    /// dictionary of every field and its name: ASP.NET's own <see cref="QueryStringEnumerable"/> (what QueryHelpers
    /// uses inside) walks the body in a pooled buffer, and only the wanted values become strings.
    /// </summary>
    public static SlashCommand? From(ReadOnlySpan<byte> body)
    {
        var values = new string?[Fields.Length];
        Span<bool> repeated = stackalloc bool[Fields.Length];
        var chars = ArrayPool<char>.Shared.Rent(body.Length);
        try
        {
            var length = Encoding.UTF8.GetChars(body, chars);
            foreach (var pair in new QueryStringEnumerable(chars.AsMemory(0, length)))
            {
                var i = IndexOf(pair.DecodeName().Span);
                if (i < 0) continue;
                if (values[i] is null && !repeated[i]) values[i] = pair.DecodeValue().ToString();
                else (values[i], repeated[i]) = (null, true);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
        return Create(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);
    }

    /// <summary>The same from a form parsed whole; the reference the body reader is tested against.</summary>
    public static SlashCommand? From(IReadOnlyDictionary<string, StringValues> form)
    {
        string? Get(string key) => form.TryGetValue(key, out var v) && v.Count == 1 ? v[0] : null;
        return Create(Get("team_id"), Get("channel_id"), Get("user_id"), Get("user_name"), Get("command"), Get("text"),
            Get("trigger_id"), Get("response_url"));
    }

    private static SlashCommand? Create(string? team, string? channel, string? user, string? userName, string? command,
        string? text, string? trigger, string? responseUrl)
    {
        if (string.IsNullOrEmpty(team) || string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(user)) return null;
        return new SlashCommand(team, channel, user, userName ?? user, command ?? "", text ?? "", trigger, responseUrl);
    }

    private static int IndexOf(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < Fields.Length; i++)
        {
            if (name.Equals(Fields[i], StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }
}

internal static class FormBody
{
    /// <summary>Parses an <c>application/x-www-form-urlencoded</c> body; '+' is a space.</summary>
    public static Dictionary<string, StringValues> Parse(ReadOnlySpan<byte> body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
}
