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

    [Fact]
    public void Find_AuthNoneInProduction_Refused() =>
        Assert.Contains(Check("Production", ("Teams:Authentication", "None"), ("Storage:ConnectionString", "AccountName=x")),
            p => p.StartsWith("Teams__Authentication=None", StringComparison.Ordinal));

    [Fact]
    public void Find_AuthNoneInDevelopment_Allowed() => Assert.Empty(Check("Development", ("Teams:Authentication", "None")));
}
