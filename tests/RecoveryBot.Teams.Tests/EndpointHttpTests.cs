using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>What <c>/api/messages</c> answers to anything that is not a normal turn: bad JSON, too large, wrong method, other invokes.</summary>
public sealed class EndpointHttpTests : IAsyncLifetime
{
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

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[]")]
    [InlineData("""{"id":"1","text":"help"}""")]
    [InlineData("""{"type":""}""")]
    public async Task MalformedOrUntypedActivity_Is400(string body)
    {
        using var response = await _host.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        var big = Message("help " + new string('x', 300 * 1024));

        using var response = await _host.PostAsync(big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task OversizedChunkedBody_Is413()
    {
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Message("help " + new string('x', 300 * 1024)))));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Get_Is405()
    {
        using var response = await _host.Client.GetAsync(new Uri("/api/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task OtherInvoke_Is501()
    {
        var invoke = Fixtures.Retarget("message-personal", _connector.ServiceUrl, j => { j["type"] = "invoke"; j["name"] = "task/fetch"; j["value"] = new JsonObject(); });

        using var response = await _host.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task OtherActivityTypes_Are200Empty()
    {
        var typing = Fixtures.Retarget("message-personal", _connector.ServiceUrl, j => j["type"] = "typing");

        using var response = await _host.PostAsync(typing);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(_connector.Calls);
    }
}
