using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary><c>POST /api/messages</c> in a real local host, replying to a fake Connector (the playground's shape).</summary>
public sealed class EndpointTests : IAsyncLifetime
{
    private const string PersonalConversation = "2a5e2ee7-d4f8-43ae-8a9f-d61ed744341c";
    private FakeConnector _connector = null!;
    private TeamsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _host = await TeamsTestHost.StartLocalAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private string Message(string text, string fixture = "message-personal") =>
        Fixtures.Retarget(fixture, _connector.ServiceUrl, j => j["text"] = text);

    [Fact]
    public async Task Help_IsPostedAsAReplyToTheActivity()
    {
        using var response = await _host.PostAsync(Message("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_connector.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal($"/_connector/v3/conversations/{PersonalConversation}/activities/cd074107-9ee9-4b84-912f-2896f5dcafd1", call.RawTarget);
        Assert.Equal("message", (string?)call.Body["type"]);
        Assert.Equal("cd074107-9ee9-4b84-912f-2896f5dcafd1", (string?)call.Body["replyToId"]);
        Assert.Equal("00000000-0000-0000-0000-00000000000011", (string?)call.Body["from"]!["id"]);
        Assert.Equal("user-id-0", (string?)call.Body["recipient"]!["id"]);
        Assert.Equal("markdown", (string?)call.Body["textFormat"]);
        Assert.Contains("start", (string?)call.Body["text"], StringComparison.Ordinal);
        Assert.Null(call.Authorization);
        Assert.Equal(0, _host.Store.Commits);
    }

    [Fact]
    public async Task ChannelMention_RepliesIntoTheThread_WithEscapedIds()
    {
        using var response = await _host.PostAsync(Message("<at>Test Bot</at> help", "message-with-mentions-channel"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/_connector/v3/conversations/team-id%3Bmessageid%3D1795486757457/activities/93b39d85-8e40-4046-88d2-25287bb0fc96",
            Assert.Single(_connector.Calls).RawTarget);
    }

    [Fact]
    public async Task BadInput_GetsItsOneLineAnswer_AndChangesNothing()
    {
        using var response = await _host.PostAsync(Message("asign G-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("assign", (string?)Assert.Single(_connector.Calls).Body["text"], StringComparison.Ordinal);
        Assert.Equal(0, _host.Store.Commits);
    }

    [Fact]
    public async Task Start_CommitsOnce_AndRepliesInTheConversation()
    {
        using var response = await _host.PostAsync(Message("start Quotes rollout"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _host.Store.Commits);
        Assert.All(_connector.Calls, c => Assert.StartsWith($"/_connector/v3/conversations/{PersonalConversation}/activities", c.RawTarget, StringComparison.Ordinal));
        Assert.Contains(_connector.Calls, c => ((string?)c.Body["text"])?.Contains("Quotes rollout", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Install_WelcomesOnce_EvenWhenBothInstallActivitiesArrive()
    {
        using var update = await _host.PostAsync(Fixtures.Retarget("conversationUpdate-personal", _connector.ServiceUrl));
        using var install = await _host.PostAsync(Fixtures.Retarget("installationUpdate-personal", _connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
        var call = Assert.Single(_connector.Calls);
        Assert.Equal($"/_connector/v3/conversations/{PersonalConversation}/activities", call.RawTarget);
        Assert.Contains("Type start &lt;name&gt;", (string?)call.Body["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelInstall_WelcomesInTheChannel()
    {
        using var response = await _host.PostAsync(Fixtures.Retarget("installationUpdate-channel", _connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/_connector/v3/conversations/team-id/activities", Assert.Single(_connector.Calls).RawTarget);
    }

    [Fact]
    public async Task ConnectorRefusal_IsLogged_AndTheActivityStillAnswered200()
    {
        _connector.Fail(HttpStatusCode.Forbidden, body: """{"error":{"code":"BotNotInConversationRoster","message":"nope"}}""");

        using var response = await _host.PostAsync(Message("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task TooManyRequests_IsRetriedAfterRetryAfter()
    {
        _connector.Fail(HttpStatusCode.TooManyRequests, retryAfter: "1");

        using var response = await _host.PostAsync(Message("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = _connector.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].RawTarget, calls[1].RawTarget);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
    }
}
