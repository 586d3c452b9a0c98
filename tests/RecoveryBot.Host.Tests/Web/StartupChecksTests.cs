using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace RecoveryBot.Host.Tests.Web;

public sealed class StartupChecksTests
{
    private static IReadOnlyList<string> Check(string environment, params (string Key, string Value)[] settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var env = new Mock<IHostEnvironment>();
        env.SetupGet(e => e.EnvironmentName).Returns(environment);
        return StartupChecks.Find(config, env.Object);
    }

    [Fact]
    public void Find_Defaults_NoProblems() => Assert.Empty(Check("Development"));

    [Theory]
    [InlineData("Teams:AppId", "00000000-0000-0000-0000-000000000001", "Teams__AppId is set but Teams__AppPassword is empty.")]
    [InlineData("Teams:AppPassword", "secret", "Teams__AppPassword is set but Teams__AppId is empty.")]
    [InlineData("Teams:Authentication", "Off", "Teams__Authentication must be BotFramework or None (was \"Off\").")]
    [InlineData("Slack:SigningSecret", "abc", "Slack__SigningSecret is set but Slack__BotToken is empty.")]
    [InlineData("Web:PublicBaseUrl", "not a url", "Web__PublicBaseUrl must be an absolute http(s) URL, e.g. https://recoverybot.example.com.")]
    [InlineData("Web:LinkKey", "c2hvcnQ=", "Web__LinkKey must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).")]
    public void Find_Misconfigured_NamesTheSetting(string key, string value, string message) =>
        Assert.Contains(message, Check("Development", (key, value)));

    [Theory]
    [InlineData("Slack__ClientId is set but Slack__ClientSecret is empty.", "Slack:SigningSecret=s", "Slack:ClientId=1.2")]
    [InlineData("Slack__ClientSecret is set but Slack__ClientId is empty.", "Slack:SigningSecret=s", "Slack:BotToken=xoxb-1", "Slack:ClientSecret=c")]
    [InlineData("Slack__BotToken and Slack__ClientId are both set: use Slack__BotToken for one workspace or Slack__ClientId for installs, not both.",
        "Slack:SigningSecret=s", "Slack:BotToken=xoxb-1", "Slack:ClientId=1.2", "Slack:ClientSecret=c")]
    [InlineData("Slack__ClientId is set but neither Slack__SigningSecret (HTTP) nor Slack__AppToken (Socket Mode) is; Slack could not reach the bot.",
        "Slack:ClientId=1.2", "Slack:ClientSecret=c")]
    [InlineData("Slack__AppToken must be an app-level token (it starts with xapp-).", "Slack:BotToken=xoxb-1", "Slack:AppToken=xoxb-2")]
    [InlineData("Slack__AppToken is set but there is no bot token: set Slack__BotToken (one workspace) or Slack__ClientId and Slack__ClientSecret (installs).",
        "Slack:AppToken=xapp-1")]
    [InlineData("Slack__RedirectUrl must be an absolute http(s) URL ending in /slack/oauth_redirect.",
        "Slack:SigningSecret=s", "Slack:BotToken=xoxb-1", "Slack:RedirectUrl=nope")]
    public void Find_SlackInstallOrSocketModeMisconfigured_OneLine(string message, params string[] settings) =>
        Assert.Contains(message, Check("Development", [.. settings.Select(s => (s[..s.IndexOf('=')], s[(s.IndexOf('=') + 1)..]))]));

    [Theory]
    [InlineData("Slack:SigningSecret=s", "Slack:ClientId=1.2", "Slack:ClientSecret=c")]
    [InlineData("Slack:AppToken=xapp-1", "Slack:BotToken=xoxb-1")]
    [InlineData("Slack:AppToken=xapp-1", "Slack:ClientId=1.2", "Slack:ClientSecret=c")]
    public void Find_SlackInstallsOrSocketMode_Allowed(params string[] settings) =>
        Assert.Empty(Check("Development", [.. settings.Select(s => (s[..s.IndexOf('=')], s[(s.IndexOf('=') + 1)..]))]));

    [Fact]
    public void Find_AuthNoneInProduction_Refused() =>
        Assert.Contains(Check("Production", ("Teams:Authentication", "None"), ("Storage:ConnectionString", "AccountName=x")),
            p => p.StartsWith("Teams__Authentication=None", StringComparison.Ordinal));

    [Fact]
    public void Find_AuthNoneInDevelopment_Allowed() => Assert.Empty(Check("Development", ("Teams:Authentication", "None")));
}
