using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Connector;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>The outbound side: proactive posts, retry decisions, pacing, and where bearer tokens may go.</summary>
public sealed class ConnectorTests
{
    [Fact]
    public async Task ProactivePost_GoesToTheConversation_AndReturnsTheMessageId()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var host = await TeamsTestHost.StartLocalAsync();
        var address = new ConversationAddress(connector.ServiceUrl, "19:abc@thread.tacv2", "tenant-1", "28:bot", "RecoveryBot").ToJson();
        var poster = host.Services().GetRequiredService<TeamsPoster>();

        var ids = await poster.PostAsync(address, [new Reply.Text("Check-in is due"), new Reply.Form(FormDocs.Gap())], CancellationToken.None);

        Assert.Equal(["msg-1", "msg-2"], ids);
        Assert.All(connector.Calls, c => Assert.Equal("/_connector/v3/conversations/19%3Aabc%40thread.tacv2/activities", c.RawTarget));
        Assert.Equal("28:bot", (string?)connector.Calls[0].Body["from"]!["id"]);
        Assert.Null(connector.Calls[0].Body["replyToId"]);
    }

    [Fact]
    public async Task ProactivePost_ToAGoneConversation_ThrowsPermanent_WithoutRetrying()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var host = await TeamsTestHost.StartLocalAsync();
        connector.Fail(HttpStatusCode.NotFound, body: """{"error":{"code":"ConversationNotFound","message":"gone"}}""");
        var poster = host.Services().GetRequiredService<TeamsPoster>();
        var address = new ConversationAddress(connector.ServiceUrl, "a:gone", "t", "28:bot").ToJson();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => poster.PostAsync(address, [new Reply.Text("hi")], CancellationToken.None));

        Assert.True(error.IsPermanent);
        Assert.Equal("ConversationNotFound", error.Code);
        Assert.Single(connector.Calls);
    }

    [Fact]
    public async Task PostDirect_OpensThePersonsChatOnce_AndPostsThere()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var host = await TeamsTestHost.StartLocalAsync();
        var address = new ConversationAddress(connector.ServiceUrl, "19:abc@thread.tacv2", "tenant-1", "28:bot", "RecoveryBot").ToJson();
        var poster = host.Services().GetRequiredService<TeamsPoster>();
        var ana = new Core.Model.UserRef("29:ana", "Ana Silva");
        var direct = new Reply.Direct(ana, new Reply.Text("G-7 is overdue"), new Reply.Text("Ana Silva, G-7 is overdue", Audience.Channel));

        await poster.PostDirectAsync(address, direct, CancellationToken.None);
        await poster.PostDirectAsync(address, direct, CancellationToken.None);

        var create = Assert.Single(connector.Calls, c => c.RawTarget == "/_connector/v3/conversations");
        Assert.Equal("29:ana", (string?)create.Body["members"]![0]!["id"]);
        Assert.Equal("tenant-1", (string?)create.Body["tenantId"]);
        Assert.Equal("28:bot", (string?)create.Body["bot"]!["id"]);
        var posts = connector.Calls.Where(c => c.RawTarget == "/_connector/v3/conversations/msg-1/activities").ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal("G-7 is overdue", (string?)p.Body["text"]));
        Assert.DoesNotContain(connector.Calls, c => c.RawTarget.Contains("thread.tacv2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostDirect_TeamsRefusesTheChat_ThrowsPermanent_SoTheChannelVersionCanGo()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var host = await TeamsTestHost.StartLocalAsync();
        connector.FailOn("/_connector/v3/conversations", HttpStatusCode.Forbidden, """{"error":{"code":"BotNotInConversationRoster","message":"not installed"}}""");
        var poster = host.Services().GetRequiredService<TeamsPoster>();
        var address = new ConversationAddress(connector.ServiceUrl, "19:abc@thread.tacv2", "tenant-1", "28:bot").ToJson();
        var direct = new Reply.Direct(new Core.Model.UserRef("29:gone", "Gone"), new Reply.Text("hi"), new Reply.Text("hi", Audience.Channel));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => poster.PostDirectAsync(address, direct, CancellationToken.None));

        Assert.True(error.IsPermanent);
        Assert.Equal("BotNotInConversationRoster", error.Code);
        Assert.Single(connector.Calls); // no retry, nothing posted
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("C0123SLACK", false)]
    [InlineData("""{"serviceUrl":"https://smba.trafficmanager.net/amer/","conversationId":"19:a"}""", true)]
    public void CanPost_OnlyTeamsAddresses(string? address, bool expected) => Assert.Equal(expected, TeamsPoster.CanPost(address));

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, null, true)]
    [InlineData(HttpStatusCode.PreconditionFailed, null, true)]
    [InlineData(HttpStatusCode.BadGateway, null, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 5, true)]
    [InlineData(HttpStatusCode.TooManyRequests, 60, false)]
    [InlineData(HttpStatusCode.Forbidden, null, false)]
    [InlineData(HttpStatusCode.NotFound, null, false)]
    [InlineData(HttpStatusCode.BadRequest, null, false)]
    public void RetryDecision_FollowsTheConnectorsRules(HttpStatusCode status, int? retryAfterSeconds, bool retried)
    {
        using var response = new HttpResponseMessage(status);
        if (retryAfterSeconds is { } s) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(s));

        Assert.Equal(retried, ConnectorResilience.ShouldRetry(Polly.Outcome.FromResult(response), TimeProvider.System));
    }

    [Fact]
    public void RetryDecision_RetriesNetworkErrors() =>
        Assert.True(ConnectorResilience.ShouldRetry(Polly.Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset")), TimeProvider.System));

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", true)]
    [InlineData("https://SMBA.trafficmanager.net/emea/", true)]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/teams", true)]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/teams", true)]
    [InlineData("https://smba.infra.dod.teams.microsoft.us/teams", true)]
    [InlineData("http://smba.trafficmanager.net/amer/", false)]
    [InlineData("https://smba.trafficmanager.net:8443/amer/", false)]
    [InlineData("https://attacker.trafficmanager.net/amer/", false)]
    [InlineData("https://x.smba.trafficmanager.net/amer/", false)]
    [InlineData("https://webchat.botframework.com/", false)]
    [InlineData("https://evil.teams.microsoft.com/", false)]
    [InlineData("https://trafficmanager.net.evil.example/", false)]
    [InlineData("https://eviltrafficmanager.net/", false)]
    [InlineData("http://localhost:56150/_connector", false)]
    public void BearerTokens_GoOnlyToHttpsConnectorHosts(string serviceUrl, bool trusted)
    {
        var client = new ConnectorClient(new HttpClient(), Mock.Of<IConnectorTokens>(), new SendPacer(new TeamsOptions(), TimeProvider.System),
            new TeamsOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger<ConnectorClient>.Instance);

        Assert.Equal(trusted, client.Trusted(new Uri(serviceUrl)));
    }

    [Theory]
    [InlineData("BotFramework", "Bearer real-connector-token")]
    [InlineData("None", null)]
    public async Task AuthenticationNone_NeverSendsAConnectorToken_EvenToTeams(string mode, string? expected)
    {
        var options = new TeamsOptions { AuthenticationSetting = mode };
        var tokens = new Mock<IConnectorTokens>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("real-connector-token");
        var seen = new List<string?>();
        using var http = new HttpClient(new Capture(seen));
        var client = new ConnectorClient(http, tokens.Object, new SendPacer(options, TimeProvider.System), options,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ConnectorClient>.Instance);

        await client.SendToConversationAsync("https://smba.trafficmanager.net/amer/", "19:a",
            new OutboundActivity { Conversation = new OutboundConversation("19:a"), Text = "hi" }, CancellationToken.None);

        Assert.Equal([expected], seen);
    }

    [Fact]
    public async Task AuthenticationNone_MsalIsNeverAsked()
    {
        var tokens = new MsalConnectorTokens(new TeamsOptions { AppId = "11111111-2222-3333-4444-555555555555", AppPassword = "x", AuthenticationSetting = "None" });

        Assert.Null(await tokens.GetTokenAsync(CancellationToken.None));
    }

    private sealed class Capture(List<string?> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.Headers.Authorization?.ToString());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"1"}""") });
        }
    }

    [Fact]
    public async Task NoAppId_NoTokenIsRequested()
    {
        var tokens = new MsalConnectorTokens(new TeamsOptions());

        Assert.Null(await tokens.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Pacer_SpacesSendsToOneConversation_ButNotAcrossConversations()
    {
        var time = new FakeTimeProvider();
        var pacer = new SendPacer(new TeamsOptions { SendInterval = TimeSpan.FromMilliseconds(150) }, time);

        var first = pacer.WaitTurnAsync("a", CancellationToken.None);
        var second = pacer.WaitTurnAsync("a", CancellationToken.None);
        var other = pacer.WaitTurnAsync("b", CancellationToken.None);

        Assert.True(first.IsCompleted);
        Assert.True(other.IsCompleted);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(149));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second;
    }
}
