using System.ComponentModel.DataAnnotations;

namespace RecoveryBot.Slack;

/// <summary>The "Slack" configuration section. With no signing secret the Slack endpoints answer 404.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>The app's signing secret; every inbound request is verified with it.</summary>
    /// <value>Empty: the Slack channel is off.</value>
    public string SigningSecret { get; set; } = "";

    /// <summary>The bot token (<c>xoxb-…</c>) sent as a Bearer header to the Web API.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>Base address of the Web API; tests point it at a local server.</summary>
    /// <value>https://slack.com/api/</value>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Largest request body accepted; bigger ones get 413 before any parsing.</summary>
    /// <value>128 KB: interactivity payloads carry the whole message, URL-encoded.</value>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 128 * 1024;

    /// <summary>Pause between two posts or updates to one channel (Slack allows about one message a second).</summary>
    /// <value>1 second</value>
    public TimeSpan ChannelPacing { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a users.info display name is kept.</summary>
    /// <value>1 hour</value>
    public TimeSpan UserNameCacheTime { get; set; } = TimeSpan.FromHours(1);

    public bool Enabled => !string.IsNullOrEmpty(SigningSecret);
}
