using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Endpoints;
using RecoveryBot.Slack.Tests.Fakes;
using RecoveryBot.Slack.Turns;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Tests;

/// <summary>`help` answers come from a cache made once; it must say exactly what the uncached path says, to anyone.</summary>
public sealed class HelpAckTests : IAsyncLifetime
{
    // Help must not need storage: any store call fails the test.
    private readonly Mock<IRecoveryStore> _store = new(MockBehavior.Strict);
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync(_store.Object);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> Topics()
    {
        var data = new TheoryData<string> { "", "help", "HELP", "?", "/recovery help", "help go/no-go", "help SIGN-OFF", "help assign G-7 extra words" };
        foreach (var c in CommandCatalog.All) data.Add("help " + c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Topics))]
    public async Task Cached_SameBytesAsTheUncachedPath_ForAnyoneAnywhere(string text)
    {
        var cached = HelpAcks.For(CommandParser.Parse(text));
        Assert.NotNull(cached);

        var turns = _host.Services.GetRequiredService<SlackTurns>();
        foreach (var target in new[]
        {
            ReplyTarget.For("T0RECOV", "C0PILOT", "U0LEAD", "1.2.3", ActorMode.Inline),
            ReplyTarget.For("T0OTHER", "D0DIRECT", "U0CLIENT", null, ActorMode.Inline),
        })
        {
            var message = await turns.CommandAsync(target, target.User == "U0LEAD" ? "lead" : "Client <&> Person", text, CancellationToken.None);
            Assert.Equal(cached, CommandEndpoint.Ack(message!));
        }
    }

    [Theory]
    [InlineData("help")]
    [InlineData("help assign")]
    [InlineData("")]
    public async Task Http_AnswersTheCachedBytes(string text)
    {
        using var response = await _host.CommandAsync(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HelpAcks.For(CommandParser.Parse(text)), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public void For_SameTopic_SameArrayEveryTime() =>
        Assert.Same(HelpAcks.For(CommandParser.Parse("help log")), HelpAcks.For(CommandParser.Parse("HELP   Log")));

    [Theory]
    [InlineData("help frobnicate")]
    [InlineData("help <@U0EVIL>")]
    [InlineData("log")]
    [InlineData("gap")]
    [InlineData("frobnicate")]
    public void For_UnknownTopicOrOtherCommand_NotCached(string text) => Assert.Null(HelpAcks.For(CommandParser.Parse(text)));

    [Fact]
    public async Task UnknownTopic_EchoesItThroughTheNormalPath()
    {
        using var response = await _host.CommandAsync("help frobnicate");
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());

        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("frobnicate", text, StringComparison.Ordinal);
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
    }

    [Fact]
    public void Overview_IsWrittenWithoutHtmlEscapes_AndReadsBackAsTheComposedText()
    {
        var ack = HelpAcks.For(CommandParser.Parse("help"))!;
        var raw = System.Text.Encoding.UTF8.GetString(ack);
        var composed = CardRenderer.Text(CommandCatalog.HelpText(null));

        Assert.DoesNotContain("\\u0060", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", raw, StringComparison.Ordinal);
        Assert.Contains("help <command>", raw, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(ack);
        Assert.Equal(composed.Text, json.RootElement.GetProperty("text").GetString());
        Assert.True(ack.Length < JsonSerializer.SerializeToUtf8Bytes(new CommandResponse("ephemeral", composed.Text, composed.Blocks), SlackJson.Default.CommandResponse).Length);
    }
}
