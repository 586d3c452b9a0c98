using RecoveryBot.Teams.Activities;

namespace RecoveryBot.Teams.Bot;

/// <summary>
/// The first message after install. Teams (and the Agents Playground) send both a conversationUpdate and an
/// installationUpdate for one install, so a conversation is welcomed once per <see cref="Window"/>.
/// </summary>
internal sealed class Welcome(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _welcomed = new(StringComparer.Ordinal);

    public static string Text(Activity a) => a.Conversation?.ConversationType == "personal"
        ? "Hi, I'm RecoveryBot. I run the recovery of a delivery that went wrong: one shared gap log, one owner and one date " +
          "per problem, new requests frozen, and an item closes only when a real user has retested it.\n\n" +
          "Type `mine` to see what waits for you in every recovery you are in (what you own, retest or approve), with its buttons. " +
          "Type `start <name>` to start a recovery here (for a team, start it in the team's channel), or `help` for every command."
        : "Hi, I'm RecoveryBot. I keep this channel's recovery: one shared gap log, one owner and one date per problem, " +
          "new requests frozen, and an item closes only when a real user has retested it.\n\n" +
          "Type `start <name>` after @mentioning me (e.g. `@RecoveryBot start Quotes rollout`) to start; whoever starts it is the lead. " +
          "`help` lists every command.";

    /// <summary>True once per conversation within the window.</summary>
    public bool ShouldWelcome(string conversationId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_welcomed.Count > 1024)
            {
                foreach (var old in _welcomed.Where(p => now - p.Value > Window).Select(p => p.Key).ToList()) _welcomed.Remove(old);
            }
            if (_welcomed.TryGetValue(conversationId, out var at) && now - at < Window) return false;
            _welcomed[conversationId] = now;
            return true;
        }
    }

    /// <summary>The bot itself was added: a conversationUpdate with the bot among membersAdded, or installationUpdate "add".</summary>
    public static bool BotAdded(Activity a) => a.Type switch
    {
        ActivityTypes.ConversationUpdate => a.MembersAdded?.Any(m => m.Id is not null && m.Id == a.Recipient?.Id) == true,
        ActivityTypes.InstallationUpdate => string.Equals(a.Action, "add", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
