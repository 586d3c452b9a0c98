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

    /// <summary>OAuth v2 client id: with it, workspaces install the app ("Add to Slack") and each gets its own token.</summary>
    /// <value>Empty: one workspace, with <see cref="BotToken"/>.</value>
    public string ClientId { get; set; } = "";

    /// <summary>OAuth v2 client secret, sent only to oauth.v2.access.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Where /slack/install sends the browser.</summary>
    /// <value>https://slack.com/oauth/v2/authorize</value>
    public Uri AuthorizeUrl { get; set; } = new("https://slack.com/oauth/v2/authorize");

    /// <summary>The redirect URL registered with the app.</summary>
    /// <value>Empty: <c>Web__PublicBaseUrl</c> + <c>/slack/oauth_redirect</c>.</value>
    public string RedirectUrl { get; set; } = "";

    /// <summary>How long an install link's <c>state</c> stays valid (it is also single-use).</summary>
    /// <value>10 minutes</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The app-level token (<c>xapp-…</c>) with <c>connections:write</c>: with it the host runs Socket Mode.</summary>
    public string AppToken { get; set; } = "";

    /// <summary>Socket Mode connections kept open at once, so one being refreshed loses nothing.</summary>
    /// <value>2</value>
    [Range(1, 10)]
    public int SocketConnections { get; set; } = 2;

    /// <summary>The HTTP endpoints (/slack/commands, /events, /interactivity) verify with the signing secret; off without it.</summary>
    public bool Enabled => !string.IsNullOrEmpty(SigningSecret);

    public bool OAuthEnabled => !string.IsNullOrEmpty(ClientId);

    public bool SocketModeEnabled => !string.IsNullOrEmpty(AppToken);
}
