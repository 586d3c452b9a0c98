namespace RecoveryBot.Host;

/// <summary>
/// Configuration mistakes an operator makes, found before the host starts, each said in one line that names the
/// setting as an environment variable.
/// </summary>
public static class StartupChecks
{
    public static IReadOnlyList<string> Find(IConfiguration config, IHostEnvironment env)
    {
        var problems = new List<string>();
        string? Get(string key) => config[key] is { Length: > 0 } v && !string.IsNullOrWhiteSpace(v) ? v : null;

        problems.AddRange(RecoveryBot.Teams.TeamsConfiguration.Validate(config, env));

        problems.AddRange(SlackProblems(Get));
        if (Get("Slack:BotToken") is { } token && !token.StartsWith("xoxb-", StringComparison.Ordinal))
            problems.Add("Slack__BotToken must be a bot token (it starts with xoxb-).");
        if (!IsHttpUrl(Get("Slack:ApiBaseUrl") ?? "https://slack.com/api/"))
            problems.Add("Slack__ApiBaseUrl must be an absolute http(s) URL.");

        if (!IsHttpUrl(Get("Web:PublicBaseUrl") ?? "http://127.0.0.1:3978"))
            problems.Add("Web__PublicBaseUrl must be an absolute http(s) URL, e.g. https://recoverybot.example.com.");
        if (Get("Web:LinkKey") is { } key && !IsKey(key))
            problems.Add("Web__LinkKey must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).");
        if (Get("Storage:ConnectionString") is { } cs && env.IsProduction() && cs.Contains("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase))
            problems.Add("Storage__ConnectionString points at the local emulator (UseDevelopmentStorage=true) in Production.");
        return problems;
    }

    /// <summary>One workspace (bot token) or many (OAuth client), reached over HTTP (signing secret) or Socket Mode (app token).</summary>
    private static IEnumerable<string> SlackProblems(Func<string, string?> get)
    {
        var (secret, bot, id, clientSecret, app) = (get("Slack:SigningSecret"), get("Slack:BotToken"), get("Slack:ClientId"), get("Slack:ClientSecret"), get("Slack:AppToken"));
        if (secret is not null && bot is null && id is null) yield return "Slack__SigningSecret is set but Slack__BotToken is empty.";
        if (bot is not null && secret is null && app is null)
            yield return "Slack__BotToken is set but Slack__SigningSecret is empty; Slack requests could not be verified.";
        if (id is not null && clientSecret is null) yield return "Slack__ClientId is set but Slack__ClientSecret is empty.";
        if (clientSecret is not null && id is null) yield return "Slack__ClientSecret is set but Slack__ClientId is empty.";
        if (id is not null && bot is not null)
            yield return "Slack__BotToken and Slack__ClientId are both set: use Slack__BotToken for one workspace or Slack__ClientId for installs, not both.";
        if (id is not null && secret is null && app is null)
            yield return "Slack__ClientId is set but neither Slack__SigningSecret (HTTP) nor Slack__AppToken (Socket Mode) is; Slack could not reach the bot.";
        if (app is not null && !app.StartsWith("xapp-", StringComparison.Ordinal))
            yield return "Slack__AppToken must be an app-level token (it starts with xapp-).";
        if (app is not null && bot is null && id is null)
            yield return "Slack__AppToken is set but there is no bot token: set Slack__BotToken (one workspace) or Slack__ClientId and Slack__ClientSecret (installs).";
        if (get("Slack:RedirectUrl") is { } redirect && !IsHttpUrl(redirect))
            yield return "Slack__RedirectUrl must be an absolute http(s) URL ending in /slack/oauth_redirect.";
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsKey(string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        return Convert.TryFromBase64String(text, buffer, out var written) && written >= 32;
    }
}
