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

        var auth = Get("Teams:Authentication") ?? "BotFramework";
        if (auth is not ("BotFramework" or "None"))
            problems.Add($"Teams__Authentication must be BotFramework or None, not '{auth}'.");
        if (auth == "None" && env.IsProduction())
            problems.Add("Teams__Authentication=None turns off Bot Framework authentication and is refused in Production; it is only for local emulators.");
        if (Get("Teams:AppId") is not null && Get("Teams:AppPassword") is null)
            problems.Add("Teams__AppId is set but Teams__AppPassword is empty.");
        if (Get("Teams:AppPassword") is not null && Get("Teams:AppId") is null)
            problems.Add("Teams__AppPassword is set but Teams__AppId is empty.");
        if (Get("Teams:AppId") is { } appId && !Guid.TryParse(appId, out _))
            problems.Add("Teams__AppId must be the bot's Microsoft App ID (a GUID).");
        if (Get("Teams:TenantId") is { } tenant && !Guid.TryParse(tenant, out _))
            problems.Add("Teams__TenantId must be a tenant id (a GUID).");

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
