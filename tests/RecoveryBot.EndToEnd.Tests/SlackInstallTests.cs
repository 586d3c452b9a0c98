using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using RecoveryBot.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests;

/// <summary>
/// "Add to Slack" against the real host and a stand-in for Slack's OAuth: two workspaces install, each runs its own
/// recovery with its own token and nothing crosses; bad states, a failed exchange and an uninstall store nothing.
/// </summary>
public sealed class SlackInstallTests(AzuriteForHosts azurite, ITestOutputHelper output) : EndToEndTest(azurite, output)
{
    private const string Channel = "C0SHARED";  // the same channel id in both workspaces: only the team tells them apart
    private static readonly FakeInstall Acme = new("code-acme-1", "T0ACME", "Acme", "xoxb-acme-111-e2e", "U0BOTA", "U0LENA");
    private static readonly FakeInstall Beta = new("code-beta-1", "T0BETA", "Beta Corp", "xoxb-beta-222-e2e", "U0BOTB", "U0DANA");

    protected override IReadOnlyDictionary<string, string>? HostSettings => new Dictionary<string, string>
    {
        ["Slack__BotToken"] = "",
        ["Slack__ClientId"] = FakeSlackOAuth.ClientId,
        ["Slack__ClientSecret"] = FakeSlackOAuth.ClientSecret,
        ["Slack__StateLifetime"] = "00:00:04",
    };

    [Fact]
    public Task TwoWorkspaces_EachCallCarriesItsOwnToken_AndUninstallEndsIt() => Scenario(async () =>
    {
        Slack.Api.OAuth.Expect(Acme);
        Slack.Api.OAuth.Expect(Beta);
        var page = await RedirectAsync(Acme.Code, await StateAsync());
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("RecoveryBot is installed in Acme", page.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await RedirectAsync(Beta.Code, await StateAsync())).Status);

        // Stored per workspace, the token only as Data Protection ciphertext: another key ring cannot read it.
        var row = await InstallationAsync(Acme.Team);
        Assert.NotNull(row);
        Assert.Equal(("U0BOTA", "U0LENA", FakeSlackOAuth.Scopes), (row.GetString("BotUserId"), row.GetString("InstalledBy"), row.GetString("Scopes")));
        Assert.DoesNotContain(row, v => v.Value?.ToString()?.Contains("xoxb", StringComparison.Ordinal) == true);
        var foreign = DataProtectionProvider.Create("RecoveryBot").CreateProtector("RecoveryBot.Installations.BotToken.v1");
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => foreign.Unprotect(row.GetString("BotToken")));

        // A recovery in each workspace, in a channel with the same id.
        await Slack.CommandAsync(Lena, "start Quotes rollout", Channel, Acme.Team);
        await Slack.CommandAsync(Dana, "start Billing rollout", Channel, Beta.Team);
        await Slack.CommandAsync(Mo, "gap Quotes fail on mobile", Channel, Acme.Team);
        await Slack.CommandAsync(Mo, "gap Invoices double-charged", Channel, Beta.Team);
        await Slack.Api.WaitForPost("G-1 logged by Mo Okafor: Quotes fail on mobile.");
        await Slack.Api.WaitForPost("G-1 logged by Mo Okafor: Invoices double-charged.");
        foreach (var post in Slack.Api.Posts)
        {
            var all = post.Text + post.BlockText;
            var token = all.Contains("Quotes", StringComparison.Ordinal) ? Acme.BotToken : all.Contains("Invoices", StringComparison.Ordinal) || all.Contains("Billing", StringComparison.Ordinal) ? Beta.BotToken : null;
            Assert.True(token is not null, "every post belongs to one workspace: " + post);
            Assert.Equal("Bearer " + token, post.Authorization);
        }
        Assert.All(Slack.Api.Calls.Where(c => c.Method == "users.info"), c => Assert.Contains(c.Authorization, new[] { "Bearer " + Acme.BotToken, "Bearer " + Beta.BotToken }));
        Assert.Equal("Quotes rollout", (await Slack.Stored.RecoveryAsync(Acme.Team, Channel))!.GetString("Name"));
        Assert.Equal("Billing rollout", (await Slack.Stored.RecoveryAsync(Beta.Team, Channel))!.GetString("Name"));
        Assert.Single(await Slack.Stored.GapsAsync(Beta.Team, Channel));

        // A workspace that never installed: a clear line, no Web API call, nothing stored.
        var none = await Slack.CommandAsync(Lena, "start Shadow rollout", Channel, "T0NONE");
        Assert.Contains("RecoveryBot is not installed in this workspace", none.Text, StringComparison.Ordinal);
        Assert.Contains("/slack/install", none.Text, StringComparison.Ordinal);
        Assert.Null(await Slack.Stored.RecoveryAsync("T0NONE", Channel));

        // Beta uninstalls: its installation goes, and its next command gets the same clear line.
        var uninstall = await Slack.EventAsync(new JsonObject
        {
            ["token"] = "e2eVerificationToken01", ["team_id"] = Beta.Team, ["api_app_id"] = SlackWorkspace.AppId, ["type"] = "event_callback",
            ["event_id"] = "Ev0UNINSTALL1", ["event_time"] = 1795600000, ["event"] = new JsonObject { ["type"] = "app_uninstalled" },
        }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, uninstall.Status);
        await Eventually("Beta's installation to be deleted", async () => await InstallationAsync(Beta.Team) is null);
        var after = await Slack.CommandAsync(Dana, "gap Still here?", Channel, Beta.Team);
        Assert.Contains("not installed", after.Text, StringComparison.Ordinal);
        Assert.Single(await Slack.Stored.GapsAsync(Beta.Team, Channel));
        Assert.DoesNotContain(Slack.Api.Calls, c => c.Body.Contains("Shadow", StringComparison.Ordinal) || c.Body.Contains("Still here", StringComparison.Ordinal));
        Assert.NotNull(await InstallationAsync(Acme.Team));

        NoSecretsIn(Slack.Host.Output);
    });

    [Fact]
    public Task ForgedExpiredReusedStateAndFailedExchange_StoreNothing() => Scenario(async () =>
    {
        var forged = await RedirectAsync(Acme.Code, "not-a-state-we-issued");
        Assert.Equal((HttpStatusCode.BadRequest, true), (forged.Status, forged.Body.Contains("This install link is not valid", StringComparison.Ordinal)));

        var expiring = await StateAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var expired = await RedirectAsync(Acme.Code, expiring);
        Assert.Equal((HttpStatusCode.BadRequest, true), (expired.Status, expired.Body.Contains("This install link has expired", StringComparison.Ordinal)));
        Assert.DoesNotContain(Slack.Api.Calls, c => c.Method == "oauth.v2.access");

        var failed = await RedirectAsync("code-nobody-issued", await StateAsync());
        Assert.Equal((HttpStatusCode.BadRequest, true), (failed.Status, failed.Body.Contains("Slack refused the installation (invalid_code)", StringComparison.Ordinal)));
        Assert.Null(await InstallationAsync(Acme.Team));

        Slack.Api.OAuth.Expect(Acme);
        var state = await StateAsync();
        Assert.Equal(HttpStatusCode.OK, (await RedirectAsync(Acme.Code, state)).Status);
        Slack.Api.OAuth.Expect(Beta);
        var reused = await RedirectAsync(Beta.Code, state);
        Assert.Equal((HttpStatusCode.BadRequest, true), (reused.Status, reused.Body.Contains("This install link was already used", StringComparison.Ordinal)));
        Assert.Null(await InstallationAsync(Beta.Team));

        var cancelled = await GetAsync("/slack/oauth_redirect?error=access_denied&state=x");
        Assert.Equal((HttpStatusCode.BadRequest, true), (cancelled.Status, cancelled.Body.Contains("access_denied", StringComparison.Ordinal)));
        NoSecretsIn(Slack.Host.Output);
    });

    /// <summary>GET /slack/install: a redirect to Slack's authorize page with the app's id, scopes and redirect URL; returns its state.</summary>
    private async Task<string> StateAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Slack.Host.BaseUrl };
        using var response = await http.GetAsync(new Uri("/slack/install", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("https://slack.com/oauth/v2/authorize?", location.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(FakeSlackOAuth.ClientId, query["client_id"]);
        Assert.Equal(FakeSlackOAuth.Scopes, query["scope"]);
        Assert.Equal(new Uri(Slack.Host.BaseUrl, "/slack/oauth_redirect").AbsoluteUri, query["redirect_uri"]);
        return query["state"].ToString();
    }

    private Task<Reply> RedirectAsync(string code, string state) =>
        GetAsync($"/slack/oauth_redirect?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");

    private async Task<Reply> GetAsync(string path)
    {
        using var response = await Slack.Http.GetAsync(new Uri(path, UriKind.Relative));
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<TableEntity?> InstallationAsync(string team)
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(Slack.TablePrefix + "installations");
        var row = await table.GetEntityIfExistsAsync<TableEntity>("slack", team);
        return row.HasValue ? row.Value : null;
    }

    private static void NoSecretsIn(string log)
    {
        foreach (var secret in new[] { Acme.BotToken, Beta.BotToken, FakeSlackOAuth.ClientSecret, "xoxb-" })
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
    }
}
