using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Install;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests.Install;

public sealed class InstallFlowTests : IAsyncLifetime, IDisposable
{
    private const string Granted = """{"ok":true,"access_token":"xoxb-new-1","token_type":"bot","scope":"commands,chat:write","bot_user_id":"U0BOT","app_id":"A1","team":{"name":"Acme","id":"T0ACME"},"enterprise":null,"authed_user":{"id":"U0LENA"},"is_enterprise_install":false}""";
    private readonly Mock<IInstallationStore> _store = new();
    private readonly HashSet<string> _claimed = [];
    private FakeSlackApi _api = null!;
    private SlackTestHost _host = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _store.Setup(s => s.ClaimOnceAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string nonce, DateTimeOffset _, CancellationToken _) => _claimed.Add(nonce));
        _api = await FakeSlackApi.StartAsync();
        _host = await SlackTestHost.StartAsync(new InMemoryRecoveryStore(), _api.BaseUrl, configure: s =>
        {
            s.AddSingleton(_store.Object);
            s.PostConfigure<SlackOptions>(o => (o.ClientId, o.ClientSecret, o.BotToken, o.RedirectUrl) = ("1.2", "client-secret", "", "https://rb.example.com/slack/oauth_redirect"));
        });
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.Http.BaseAddress };
    }

    public void Dispose() => _browser.Dispose();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
    }

    private async Task<string> StateAsync()
    {
        using var response = await _browser.GetAsync(new Uri("/slack/install", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal(("1.2", string.Join(',', InstallEndpoints.BotScopes), "https://rb.example.com/slack/oauth_redirect"),
            (query["client_id"].ToString(), query["scope"].ToString(), query["redirect_uri"].ToString()));
        return query["state"].ToString();
    }

    private Task<HttpResponseMessage> RedirectAsync(string state, string code = "c1") =>
        _browser.GetAsync(new Uri($"/slack/oauth_redirect?code={code}&state={Uri.EscapeDataString(state)}", UriKind.Relative));

    [Fact]
    public async Task Redirect_ValidStateAndCode_StoresTheWorkspacesInstallation()
    {
        _api.Script("oauth.v2.access", 200, Granted);
        using var page = await RedirectAsync(await StateAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("installed in Acme", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _store.Verify(s => s.SaveAsync(It.Is<Installation>(i => i.Tenant == "T0ACME" && i.BotToken == "xoxb-new-1" && i.BotUserId == "U0BOT" && i.InstalledBy == "U0LENA"),
            It.IsAny<CancellationToken>()), Times.Once);
        var exchange = _api.Calls.Single(c => c.Method == "oauth.v2.access");
        Assert.Contains("client_secret=client-secret", exchange.Body, StringComparison.Ordinal);
        Assert.Contains("code=c1", exchange.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_FailedExchange_FailurePageAndNothingStored()
    {
        _api.Script("oauth.v2.access", 200, """{"ok":false,"error":"invalid_code"}""");
        using var page = await RedirectAsync(await StateAsync());

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("invalid_code", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _store.Verify(s => s.SaveAsync(It.IsAny<Installation>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Redirect_ForgedState_NoExchange()
    {
        using var page = await RedirectAsync("forged");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.DoesNotContain(_api.Calls, c => c.Method == "oauth.v2.access");
    }

    [Fact]
    public async Task Command_FromAWorkspaceWithoutInstallation_AnswersWithTheInstallLink()
    {
        using var response = await _host.CommandAsync("start Pilot");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("RecoveryBot is not installed in this workspace. An admin can add it at https://rb.example.com/slack/install", body, StringComparison.Ordinal);
        Assert.Empty(_api.Calls);
    }

    [Theory]
    [InlineData("""{"type":"app_uninstalled"}""")]
    [InlineData("""{"type":"tokens_revoked","tokens":{"oauth":[],"bot":["U0BOT"]}}""")]
    public async Task Event_UninstallOrBotTokenRevoked_DeletesThatWorkspacesInstallation(string ev)
    {
        _store.Setup(s => s.DeleteAsync("slack", "T0ACME", It.IsAny<CancellationToken>())).ReturnsAsync(true);
        using var response = await _host.PostAsync("/slack/events",
            $$"""{"type":"event_callback","team_id":"T0ACME","api_app_id":"A1","event_id":"Ev{{ev.Length}}","event_time":1,"event":{{ev}}}""", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _store.Verify(s => s.DeleteAsync("slack", "T0ACME", It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.Is<string>(t => t != "T0ACME"), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Event_UserTokenRevokedOnly_KeepsTheInstallation()
    {
        using var response = await _host.PostAsync("/slack/events",
            """{"type":"event_callback","team_id":"T0ACME","event_id":"EvU","event":{"type":"tokens_revoked","tokens":{"oauth":["U0LENA"],"bot":[]}}}""", "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _store.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void BotScopes_AreTheManifests()
    {
        var yml = File.ReadAllText(Manifest());
        var block = Regex.Match(yml, @"\n    bot:\n((?:      - .+\n)+)").Groups[1].Value;
        var declared = Regex.Matches(block, @"- (\S+)").Select(m => m.Groups[1].Value);
        Assert.Equal(declared.Order(), InstallEndpoints.BotScopes.Order());
    }

    private static string Manifest([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "manifest", "slack", "manifest.yml"));
}
