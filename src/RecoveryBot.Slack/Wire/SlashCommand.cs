using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace RecoveryBot.Slack.Wire;

/// <summary>A slash command, read from its form-encoded body (field order is not relied on).</summary>
internal sealed record SlashCommand(string TeamId, string ChannelId, string UserId, string UserName, string Command,
    string Text, string? TriggerId, string? ResponseUrl)
{
    public static SlashCommand? From(IReadOnlyDictionary<string, StringValues> form)
    {
        string? Get(string key) => form.TryGetValue(key, out var v) && v.Count == 1 ? v[0] : null;
        var team = Get("team_id");
        var channel = Get("channel_id");
        var user = Get("user_id");
        if (string.IsNullOrEmpty(team) || string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(user)) return null;
        return new SlashCommand(team, channel, user, Get("user_name") ?? user, Get("command") ?? "", Get("text") ?? "",
            Get("trigger_id"), Get("response_url"));
    }
}

internal static class FormBody
{
    /// <summary>Parses an <c>application/x-www-form-urlencoded</c> body; '+' is a space.</summary>
    public static Dictionary<string, StringValues> Parse(ReadOnlySpan<byte> body) =>
        QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
}
