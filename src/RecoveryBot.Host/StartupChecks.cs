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

        if (Get("Slack:SigningSecret") is not null && Get("Slack:BotToken") is null)
            problems.Add("Slack__SigningSecret is set but Slack__BotToken is empty.");
        if (Get("Slack:BotToken") is not null && Get("Slack:SigningSecret") is null)
            problems.Add("Slack__BotToken is set but Slack__SigningSecret is empty; Slack requests could not be verified.");
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

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsKey(string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        return Convert.TryFromBase64String(text, buffer, out var written) && written >= 32;
    }
}
