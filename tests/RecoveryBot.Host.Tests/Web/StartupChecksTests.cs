using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoveryBot.Host.Scheduling;
using RecoveryBot.Slack;
using RecoveryBot.Storage;
using RecoveryBot.Teams;

namespace RecoveryBot.Host.Tests.Web;

/// <summary>Every section's validators, composed as the host composes them, one line per mistake.</summary>
public sealed class StartupChecksTests
{
    private static IReadOnlyList<string> Check(string environment, params (string Key, string Value)[] settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var env = new Mock<IHostEnvironment>();
        env.SetupGet(e => e.EnvironmentName).Returns(environment);
        var services = new ServiceCollection().AddLogging().AddSingleton(env.Object);
        services.AddTableStorage(config).AddSchedulerRunner(config).AddRecoveryBotCore(config).AddTeamsChannel(config).AddSlackChannel(config);
        using var provider = services.BuildServiceProvider();
        return StartupChecks.Find(provider);
    }

    private static readonly (string, string)[] GoodProduction =
    [
        ("Storage:ConnectionString", "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=eA==;EndpointSuffix=core.windows.net"),
        ("Web:PublicBaseUrl", "https://recoverybot.example.com"),
        ("Web:LinkKey", Convert.ToBase64String(new byte[32])),
    ];

    [Fact]
    public void Find_Defaults_NoProblems() => Assert.Empty(Check("Development"));

    [Fact]
    public void Find_GoodProduction_NoProblems() => Assert.Empty(Check("Production", GoodProduction));

    [Theory]
    [InlineData("Teams:AppId", "00000000-0000-0000-0000-000000000001", "Teams__AppId is set but Teams__AppPassword is empty.")]
    [InlineData("Teams:AppPassword", "secret", "Teams__AppPassword is set but Teams__AppId is empty.")]
    [InlineData("Teams:Authentication", "Off", "Teams__Authentication must be BotFramework or None (was \"Off\").")]
    [InlineData("Teams:Authentication", "1", "Teams__Authentication must be BotFramework or None (was \"1\").")]
    [InlineData("Slack:SigningSecret", "abc", "Slack__SigningSecret is set but Slack__BotToken is empty.")]
    [InlineData("Slack:MaxBodyBytes", "10", "Slack__MaxBodyBytes must be between 1024 and 4194304.")]
    [InlineData("Web:PublicBaseUrl", "not a url", "Web__PublicBaseUrl must be an absolute http(s) URL, e.g. https://recoverybot.example.com.")]
    [InlineData("Web:LinkKey", "c2hvcnQ=", "Web__LinkKey must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).")]
    [InlineData("Storage:TablePrefix", "9-bad", "Storage__TablePrefix must start with a letter and contain only letters and digits (at most 53).")]
    [InlineData("Storage:MaxRetries", "99", "Storage__MaxRetries must be between 0 and 20.")]
    [InlineData("Scheduler:Parallelism", "0", "Scheduler__Parallelism must be between 1 and 64.")]
    [InlineData("Scheduler:PollInterval", "soon", "Scheduler__PollInterval is not a valid duration (e.g. 00:00:30).")]
    [InlineData("Teams:AnswerBudget", "00:00:20", "Teams__AnswerBudget must be between 00:00:01 and 00:00:14.")]
    public void Find_Misconfigured_NamesTheSetting(string key, string value, string message) =>
        Assert.Equal([message], Check("Development", (key, value)));

    [Theory]
    [InlineData("Web:PublicBaseUrl", "http://recoverybot.example.com", "Web__PublicBaseUrl must be a public https URL in Production")]
    [InlineData("Web:PublicBaseUrl", "https://127.0.0.1:3978", "Web__PublicBaseUrl must be a public https URL in Production")]
    [InlineData("Web:PublicBaseUrl", "https://localhost", "Web__PublicBaseUrl must be a public https URL in Production")]
    [InlineData("Web:LinkKey", "", "Web__LinkKey must be set in Production")]
    [InlineData("Teams:Authentication", "None", "Teams__Authentication=None is refused in Production")]
    [InlineData("Storage:ConnectionString", "UseDevelopmentStorage=true", "Storage__ConnectionString points at the local emulator")]
    public void Find_ProductionOnlyRules(string key, string value, string message)
    {
        var settings = GoodProduction.Where(s => s.Item1 != key).Append((key, value)).ToArray();
        var problems = Check("Production", settings);

        Assert.Single(problems);
        Assert.StartsWith(message, problems[0], StringComparison.Ordinal);
        Assert.Empty(Check("Development", (key, value)));
    }

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
    public void Find_SeveralMistakes_OneLineEach()
    {
        var problems = Check("Development", ("Teams:Authentication", "2"), ("Slack:BotToken", "nope"), ("Storage:MaxRetries", "-1"));

        Assert.Equal(4, problems.Count);
        Assert.All(problems, p => Assert.DoesNotContain('\n', p));
    }
}
