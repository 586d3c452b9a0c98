using RecoveryBot.Core.Model;

namespace RecoveryBot.Slack.Turns;

/// <summary>How the acting person's own replies reach them.</summary>
internal enum ActorMode
{
    /// <summary>In the HTTP response of a slash command (ephemeral).</summary>
    Inline,

    /// <summary>chat.postEphemeral in the channel.</summary>
    Ephemeral,

    /// <summary>A normal message: in a direct message with the bot only that person is there.</summary>
    Message,

    /// <summary>Replace the ephemeral message that was clicked, through its response_url.</summary>
    ReplaceOriginal,
}

/// <summary>Where one turn happens and where its replies go.</summary>
internal sealed record ReplyTarget(ChannelKey Key, string Channel, string User, string? TriggerId, ActorMode Mode)
{
    public Uri? ResponseUrl { get; init; }

    /// <summary>A direct message with the bot (Slack's DM channel ids start with D).</summary>
    public bool IsDirect => Channel.StartsWith('D');

    /// <summary>The workspace (team id) whose token every call for this turn uses.</summary>
    public string Team => Key.Tenant;

    /// <summary>The message a shortcut was used on, for the permalink of a gap logged from it.</summary>
    public string? MessageTs { get; init; }

    /// <summary>The Slack event this turn runs (its event_id), and whether an earlier run of it may have landed.</summary>
    public string? Origin { get; init; }

    public bool Redelivered { get; init; }

    public static ReplyTarget For(string team, string channel, string user, string? trigger, ActorMode mode) =>
        new(new ChannelKey("slack", team, channel), channel, user, trigger, mode);
}
