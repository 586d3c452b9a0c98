using System.Text.RegularExpressions;

namespace RecoveryBot.Teams.Activities;

/// <summary>
/// Turns a Teams message into the command line the Core parses: the bot's own mention removed (as
/// BBD <c>RemoveRecipientMention</c> does) and every other <c>&lt;at&gt;Name&lt;/at&gt;</c> mention written as
/// <c>&lt;@{id}|{name}&gt;</c>. Identity comes from the entities, never from the text the sender typed: a typed
/// <c>&lt;@user-id|Name&gt;</c> (the Agents Playground sends it verbatim, with no entity) is broken up as
/// <c>&lt; @…</c>, so the Core reads it as text and refuses it where a person is expected.
/// </summary>
internal static class MentionText
{
    private const string TypedToken = "<@";
    private const string TypedTokenAsText = "< @";

    public static string Normalize(Activity activity)
    {
        var text = (activity.Text ?? "").Replace(TypedToken, TypedTokenAsText, StringComparison.Ordinal);
        if (text.Length == 0 || activity.Entities is not { Count: > 0 } entities) return text.Trim();
        var botId = activity.Recipient?.Id;
        var mentions = entities.Where(e => string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase) && e.Mentioned?.Id is { Length: > 0 });

        // The bot first, so a user whose display name equals the bot's can still be mentioned afterwards.
        foreach (var e in mentions.OrderBy(e => e.Mentioned!.Id == botId ? 0 : 1))
        {
            var shown = (e.Text is { Length: > 0 } t ? t : $"<at>{e.Mentioned!.Name}</at>").Replace(TypedToken, TypedTokenAsText, StringComparison.Ordinal);
            var replacement = e.Mentioned!.Id == botId ? "" : Token(e.Mentioned);
            text = Regex.Replace(text, Regex.Escape(shown), replacement.Replace("$", "$$", StringComparison.Ordinal),
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        return text.Trim();
    }

    /// <summary><c>&lt;@29:1abc|Dana Ruiz&gt;</c>; characters that would end the token are dropped from the name.</summary>
    private static string Token(ChannelAccount user)
    {
        var name = (user.Name ?? user.Id!).Replace(">", "", StringComparison.Ordinal)
            .Replace("<", "", StringComparison.Ordinal).Replace("|", "", StringComparison.Ordinal).Trim();
        return $"<@{user.Id}|{(name.Length == 0 ? user.Id : name)}>";
    }
}
