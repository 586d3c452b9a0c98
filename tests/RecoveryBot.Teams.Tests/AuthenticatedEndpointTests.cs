using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoveryBot.Teams.Bot;
using RecoveryBot.Teams.Connector;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>The endpoint with Bot Framework authentication on: nothing reaches the Core without a valid Connector token.</summary>
public sealed class AuthenticatedEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly BotFrameworkFake _bf = new();
    private readonly Mock<IConnectorTokens> _tokens = new();
    private readonly Mock<ILogger<TeamsEndpoint>> _log = new();
    private FakeConnector _connector = null!;
    private TeamsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("connector-token");
        _host = await TeamsTestHost.StartAsync(new()
        {
            ["Teams:AppId"] = BotFrameworkFake.AppId,
            ["Teams:AppPassword"] = "not-used-here",
            ["Teams:OpenIdMetadataUrl"] = BotFrameworkFake.MetadataUrl,
        }, services =>
        {
            services.AddHttpClient(TeamsChannelExtensions.OpenIdHttpClient).ConfigurePrimaryHttpMessageHandler(() => _bf);
            services.AddSingleton(_tokens.Object);
            services.AddSingleton(_log.Object);
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    public void Dispose() => _bf.Dispose();

    private string Start() => Fixtures.Retarget("message-personal", _connector.ServiceUrl, j => j["text"] = "start Quotes rollout");

    private string Token(string? serviceUrl = null, string kid = "k1", string[]? endorsements = null) =>
        BotFrameworkFake.Mint(endorsements is null ? _bf.Publish(kid) : _bf.Publish(kid, endorsements),
            TimeProvider.System.GetUtcNow(), serviceUrl ?? _connector.ServiceUrl);

    [Fact]
    public async Task Unauthenticated_Is401_AndTheStoreIsUntouched()
    {
        using var response = await _host.PostAsync(Start());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _host.Store.RecoveryReads);
        Assert.Equal(0, _host.Store.Commits);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Unauthenticated_Repeatedly_EachLoggedAtDebug_OneWarningCountsThem()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await _host.PostAsync(Start());
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(3, Logged(LogLevel.Debug).Count(m => m.StartsWith("Teams request refused with 401", StringComparison.Ordinal)));
        var warning = Assert.Single(Logged(LogLevel.Warning));
        Assert.Matches("^Refused requests: 1 requests refused since .*: 1 Teams 401$", warning);
    }

    private List<string> Logged(LogLevel level) =>
        [.. _log.Invocations.Where(i => i.Method.Name == nameof(ILogger.Log) && (LogLevel)i.Arguments[0] == level).Select(i => i.Arguments[2].ToString()!)];

    [Fact]
    public async Task TokenFromAnotherSigner_Is401()
    {
        var forged = BotFrameworkFake.Mint(BotFrameworkFake.NewKey("k1"), TimeProvider.System.GetUtcNow(), _connector.ServiceUrl);
        _bf.Publish("k1");

        using var response = await _host.PostAsync(Start(), forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _host.Store.RecoveryReads);
    }

    [Fact]
    public async Task TokenForAnotherServiceUrl_Is401()
    {
        using var response = await _host.PostAsync(Start(), Token("https://smba.trafficmanager.net/amer/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _host.Store.RecoveryReads);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task KeyNotEndorsedForTeams_Is403()
    {
        using var response = await _host.PostAsync(Start(), Token(endorsements: ["skype"]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _host.Store.RecoveryReads);
    }

    [Fact]
    public async Task ValidToken_RunsTheTurn_AndSendsNoBearerToAnUntrustedHost()
    {
        using var response = await _host.PostAsync(Start(), Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _host.Store.Commits);
        Assert.NotEmpty(_connector.Calls);
        Assert.All(_connector.Calls, c => Assert.Null(c.Authorization));
        _tokens.Verify(t => t.GetTokenAsync(It.IsAny<CancellationToken>()), Times.Never);
    }
}
