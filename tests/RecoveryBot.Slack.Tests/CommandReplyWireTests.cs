using System.Net;
using System.Text.Json;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>How a slash command's JSON answer goes on the wire (bench/load: the `help` ack is the hot path).</summary>
public sealed class CommandReplyWireTests : IAsyncLifetime
{
    private SlackWorld _w = null!;

    public async Task InitializeAsync() => _w = await SlackWorld.StartAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task HelpReply_IsOneBodyWithContentLength_NotChunked()
    {
        using var response = await _w.Host.CommandAsync("help");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(bytes);
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        Assert.StartsWith("RecoveryBot commands.", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
