using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Install;

namespace RecoveryBot.Slack.Tests.Install;

public sealed class SlackTokensTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly Mock<IInstallationStore> _store = new();
    private readonly FakeTimeProvider _time = new(At);

    private SlackTokens Tokens(SlackOptions options)
    {
        var services = new ServiceCollection().AddSingleton(_store.Object).BuildServiceProvider();
        return new SlackTokens(Options.Create(options), services, _time);
    }

    private void Installed(string team, string token) =>
        _store.Setup(s => s.FindAsync("slack", team, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Installation("slack", team, null, "UBOT", token, "chat:write", "U1", At));

    [Fact]
    public async Task ForTeam_WithInstalls_EachWorkspaceGetsItsOwnToken()
    {
        Installed("T0ACME", "xoxb-acme");
        Installed("T0BETA", "xoxb-beta");
        var tokens = Tokens(new SlackOptions { ClientId = "1.2", ClientSecret = "s" });

        Assert.Equal("xoxb-acme", await tokens.ForTeamAsync("T0ACME", default));
        Assert.Equal("xoxb-beta", await tokens.ForTeamAsync("T0BETA", default));
    }

    [Fact]
    public async Task ForTeam_NotInstalled_NoTokenEvenWithABotTokenConfigured()
    {
        Installed("T0ACME", "xoxb-acme");
        var tokens = Tokens(new SlackOptions { ClientId = "1.2", ClientSecret = "s", BotToken = "xoxb-single" });

        Assert.Null(await tokens.ForTeamAsync("T0OTHER", default));
        Assert.Null(await tokens.ForTeamAsync("T0../x", default));
    }

    [Fact]
    public async Task ForTeam_BotTokenAlone_UsedForTheOneWorkspace()
    {
        var tokens = Tokens(new SlackOptions { BotToken = "xoxb-single" });
        Assert.Equal("xoxb-single", await tokens.ForTeamAsync("T0ANY", default));
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Forget_AfterUninstall_TokenGoneAtOnce()
    {
        Installed("T0ACME", "xoxb-acme");
        _store.Setup(s => s.DeleteAsync("slack", "T0ACME", It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var tokens = Tokens(new SlackOptions { ClientId = "1.2", ClientSecret = "s" });
        Assert.Equal("xoxb-acme", await tokens.ForTeamAsync("T0ACME", default));

        Assert.True(await tokens.ForgetAsync("T0ACME", default));

        Assert.Null(await tokens.ForTeamAsync("T0ACME", default));
    }

    [Fact]
    public void Installation_ToString_HidesTheToken() =>
        Assert.DoesNotContain("xoxb", new Installation("slack", "T1", null, "U", "xoxb-secret", "", "", At).ToString(), StringComparison.Ordinal);
}
