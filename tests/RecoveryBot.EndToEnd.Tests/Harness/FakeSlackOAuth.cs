using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace RecoveryBot.EndToEnd.Tests.Harness;

/// <summary>A workspace that will install the app: the code Slack's authorize page would hand the redirect, and what it grants.</summary>
public sealed record FakeInstall(string Code, string Team, string TeamName, string BotToken, string BotUser, string Installer);

/// <summary>
/// oauth.v2.access as Slack documents it: the client id and secret as form fields, a code that works once, and the
/// answer with the bot token, its scopes, the bot user, the team (enterprise null) and the installing user.
/// </summary>
public sealed class FakeSlackOAuth
{
    public const string ClientId = "1111111111.2222222222";
    public const string ClientSecret = "e2e-client-secret-9d1c7";
    public const string Scopes = "commands,chat:write,app_mentions:read,im:history,im:write,users:read";

    private readonly ConcurrentDictionary<string, FakeInstall> _codes = new(StringComparer.Ordinal);

    public void Expect(FakeInstall install) => _codes[install.Code] = install;

    public string Answer(string body)
    {
        var form = QueryHelpers.ParseQuery(body);
        if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
            return """{"ok":false,"error":"invalid_client_id"}""";
        if (!form.TryGetValue("redirect_uri", out var redirect) || !redirect.ToString().EndsWith("/slack/oauth_redirect", StringComparison.Ordinal))
            return """{"ok":false,"error":"bad_redirect_uri"}""";
        if (!_codes.TryRemove(form.GetValueOrDefault("code").ToString(), out var i)) return """{"ok":false,"error":"invalid_code"}""";
        return JsonSerializer.Serialize(new
        {
            ok = true,
            access_token = i.BotToken,
            token_type = "bot",
            scope = Scopes,
            bot_user_id = i.BotUser,
            app_id = SlackWorkspace.AppId,
            team = new { name = i.TeamName, id = i.Team },
            enterprise = (object?)null,
            authed_user = new { id = i.Installer },
            is_enterprise_install = false,
        });
    }
}
