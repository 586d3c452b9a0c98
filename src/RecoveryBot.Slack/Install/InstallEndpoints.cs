using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Api;

namespace RecoveryBot.Slack.Install;

/// <summary>
/// "Add to Slack": GET /slack/install sends the browser to Slack's authorize page with a fresh state; GET
/// /slack/oauth_redirect checks the state, trades the code for the workspace's token and stores the installation.
/// Both answer 404 while <see cref="SlackOptions.ClientId"/> is unset.
/// </summary>
internal sealed class InstallEndpoints(OAuthStates states, SlackOAuthApi oauth, SlackTokens tokens, IOptions<SlackOptions> options,
    TimeProvider time, ILogger<InstallEndpoints> log)
{
    /// <summary>The bot scopes manifest/slack/manifest.yml declares (a test keeps them in step).</summary>
    public static readonly IReadOnlyList<string> BotScopes = ["commands", "chat:write", "app_mentions:read", "im:history", "im:write", "users:read"];

    public Task InstallAsync(HttpContext http)
    {
        var o = options.Value;
        if (!o.OAuthEnabled) return NotFound(http);
        var url = QueryHelpers.AddQueryString(o.AuthorizeUrl.AbsoluteUri, new Dictionary<string, string?>
        {
            ["client_id"] = o.ClientId,
            ["scope"] = string.Join(',', BotScopes),
            ["redirect_uri"] = o.RedirectUrl,
            ["state"] = states.Issue(),
        });
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Redirect(url);
        return Task.CompletedTask;
    }

    public async Task RedirectAsync(HttpContext http)
    {
        var o = options.Value;
        if (!o.OAuthEnabled)
        {
            await NotFound(http);
            return;
        }
        var query = http.Request.Query;
        var ct = http.RequestAborted;
        if (query["error"].ToString() is { Length: > 0 } error)
        {
            await Page(http, 400, "RecoveryBot was not installed", $"Slack said: {error}. Nothing was changed; you can start again from the install link.");
            return;
        }
        switch (await states.CheckAsync(query["state"].ToString(), ct))
        {
            case StateCheck.Forged:
                await Page(http, 400, "This install link is not valid", "It was not issued by this RecoveryBot. Start again from the install link.");
                return;
            case StateCheck.Expired:
                await Page(http, 400, "This install link has expired", $"Install links are valid for {o.StateLifetime.TotalMinutes:0} minutes. Start again from the install link.");
                return;
            case StateCheck.Reused:
                await Page(http, 400, "This install link was already used", "Each install link works once. Start again from the install link.");
                return;
        }
        if (query["code"].ToString() is not { Length: > 0 } code)
        {
            await Page(http, 400, "RecoveryBot was not installed", "Slack sent no code. Start again from the install link.");
            return;
        }
        Wire.OAuthAccess access;
        try
        {
            access = await oauth.ExchangeAsync(code, o.RedirectUrl, ct);
        }
        catch (SlackApiException e)
        {
            log.LogWarning("Slack installation failed: oauth.v2.access answered {Error}", e.Error);
            await Page(http, e.IsTransient ? 502 : 400, "RecoveryBot was not installed", $"Slack refused the installation ({e.Error}). Nothing was stored; start again from the install link.");
            return;
        }
        var enterprise = access.Enterprise?.Id;
        var tenant = access.IsEnterpriseInstall == true ? enterprise! : access.Team?.Id ?? enterprise!;
        await tokens.SaveAsync(new Installation(SlackTokens.Platform, tenant, enterprise, access.BotUserId ?? "", access.AccessToken!,
            access.Scope ?? "", access.AuthedUser?.Id ?? "", time.GetUtcNow()), ct);
        log.LogInformation("Slack app installed in workspace {Team} (enterprise {Enterprise}) by {User}", tenant, enterprise ?? "-", access.AuthedUser?.Id);
        var name = access.Team?.Name ?? access.Enterprise?.Name ?? tenant;
        await Page(http, 200, $"RecoveryBot is installed in {name}", "Invite @recoverybot to a channel and type /recovery help there to begin.");
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static Task Page(HttpContext http, int status, string title, string line)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var h = HtmlEncoder.Default;
        return http.Response.WriteAsync($"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{h.Encode(title)}</title>
            <meta name="viewport" content="width=device-width,initial-scale=1"></head>
            <body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
            <h1>{h.Encode(title)}</h1><p>{h.Encode(line)}</p></body></html>
            """, http.RequestAborted);
    }
}
