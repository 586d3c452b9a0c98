using System.Net;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>Slash commands and events end to end: signed request → Core → HTTP answer and queued Web API calls.</summary>
public sealed class CommandFlowTests : IAsyncLifetime
{
    private SlackWorld _w = null!;

    public async Task InitializeAsync() => _w = await SlackWorld.StartAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task SlashFixture_NoRecoveryYet_EphemeralHint()
    {
        using var response = await _w.Host.PostAsync("/slack/commands", Fixture.Text("slash-command.txt"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"response_type\":\"ephemeral\"", body, StringComparison.Ordinal);
        Assert.Contains("There is no recovery in this channel yet", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlashGap_PostsLineAndCardToChannelAsOneMessage_WithDisplayName()
    {
        Assert.Null(await _w.Command("start Pilot"));
        Assert.Null(await _w.Command("gap Reps cannot see the deal risk field"));

        var posts = (await _w.Api.WaitFor(c => c.Count(x => x.Method == "chat.postMessage") >= 2)).Where(c => c.Method == "chat.postMessage").ToList();
        Assert.Contains("Recovery \"Pilot\" started by Lena Ortiz", SlackWorld.Text(posts[0]), StringComparison.Ordinal);
        // One post (Slack allows one message per second per channel): the line above the card, in its blocks.
        Assert.StartsWith("G-1 logged by Lena Ortiz", SlackWorld.Text(posts[1]), StringComparison.Ordinal);
        var blocks = posts[1].Json.GetProperty("blocks");
        Assert.Contains("G-1 logged by Lena Ortiz", blocks[0].GetRawText(), StringComparison.Ordinal);
        Assert.Contains("G-1 Reps cannot see the deal risk field", posts[1].Body, StringComparison.Ordinal);
        Assert.All(posts, p => Assert.Equal("Bearer xoxb-test-token", p.Authorization));
        Assert.Equal("Lena Ortiz", (await _w.Gaps()).Single().Reporter.Name);
    }

    [Fact]
    public async Task SlashWithBareMention_ResolvesTheDisplayName()
    {
        await _w.Command("start Pilot");
        await _w.Command("approver <@U0CLIENT>");

        await SlackWorld.Eventually(async () => (await _w.Store.GetRecoveryAsync(SlackWorld.Channel.RecoveryId, default))?.Approver is not null, "the approver");
        Assert.Equal(new UserRef("U0CLIENT", "Dana Ruiz"), (await _w.Store.GetRecoveryAsync(SlackWorld.Channel.RecoveryId, default))!.Approver);
    }

    [Fact]
    public async Task SlashOwnership_OpensTheModalWithTheTrigger()
    {
        await _w.Command("start Pilot");
        Assert.Null(await _w.Command("ownership"));

        var open = _w.Api.Calls.Single(c => c.Method == "views.open");
        Assert.Equal("1.2.3", open.Json.GetProperty("trigger_id").GetString());
        Assert.Equal("submit-ownership", open.Json.GetProperty("view").GetProperty("callback_id").GetString());
    }

    [Fact]
    public async Task Event_ReplayedEventId_ProcessedOnce()
    {
        await _w.Command("start Pilot");
        var mention = Fixture.Text("event-app-mention.json");

        using var first = await _w.Host.PostAsync("/slack/events", mention, "application/json");
        using var retry = await _w.Host.PostAsync("/slack/events", mention, "application/json", edit: r =>
        {
            r.Headers.Add("X-Slack-Retry-Num", "1");
            r.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        });
        using var other = await _w.Host.PostAsync("/slack/events", mention.Replace("Ev0RECOV0001", "Ev0RECOV0002", StringComparison.Ordinal), "application/json");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode, other.StatusCode));
        var gaps = await _w.Gaps();
        Assert.Equal(["Exports time out", "Exports time out"], gaps.Select(g => g.Title));
        Assert.Equal("Dana Ruiz", gaps[0].Reporter.Name);
    }

    [Fact]
    public async Task Event_DirectMessage_RepliesInTheDmAndIgnoresBots()
    {
        const string Dm = """{"type":"event_callback","team_id":"T0RECOV","event_id":"Ev0DM1","authorizations":[{"user_id":"U0BOT","is_bot":true}],"event":{"type":"message","channel_type":"im","channel":"D0DM","user":"U0LEAD","text":"help","ts":"1.1"}}""";
        const string FromBot = """{"type":"event_callback","team_id":"T0RECOV","event_id":"Ev0DM2","event":{"type":"message","channel_type":"im","channel":"D0DM","bot_id":"B0RB","user":"U0BOT","text":"help","ts":"1.2"}}""";

        using var a = await _w.Host.PostAsync("/slack/events", Dm, "application/json");
        using var b = await _w.Host.PostAsync("/slack/events", FromBot, "application/json");

        var post = (await _w.Api.WaitFor(c => c.Any(x => x.Method == "chat.postMessage"))).Single(c => c.Method == "chat.postMessage");
        Assert.Equal("D0DM", post.Json.GetProperty("channel").GetString());
        Assert.Contains("RecoveryBot commands", SlackWorld.Text(post), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(_w.Api.Calls, c => c.Method == "chat.postMessage");
    }

    [Fact]
    public async Task ChannelPost_RateLimitedThreeTimes_DeliveredOnceAfterRetryAfter()
    {
        for (var i = 0; i < 3; i++) _w.Api.Script("chat.postMessage", 429, """{"ok":false,"error":"ratelimited"}""", retryAfter: 1);

        Assert.Null(await _w.Command("start Pilot"));

        var calls = await _w.Api.WaitFor(c => _w.Api.Ok("chat.postMessage").Count == 1, seconds: 20);
        Assert.Equal(4, calls.Count(c => c.Method == "chat.postMessage"));
        await Task.Delay(1500);
        Assert.Single(_w.Api.Ok("chat.postMessage"));
        Assert.Equal(4, _w.Api.Calls.Count(c => c.Method == "chat.postMessage"));
    }

    [Fact]
    public async Task StorageDown_SaysSoAndChangesNothing()
    {
        var store = new Mock<IRecoveryStore>();
        store.Setup(s => s.GetRecoveryAsync(It.IsAny<RecoveryId>(), It.IsAny<CancellationToken>())).ThrowsAsync(new StoreUnavailableException("down"));
        await using var host = await SlackTestHost.StartAsync(store.Object, _w.Api.BaseUrl);

        using var response = await host.CommandAsync("log");

        Assert.Contains(RecoveryService.Unavailable, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        store.Verify(s => s.CommitAsync(It.IsAny<Changeset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task CoreBug_500WithOneLineAndTheHostKeepsServing()
    {
        var store = new Mock<IRecoveryStore>();
        store.Setup(s => s.GetRecoveryAsync(It.IsAny<RecoveryId>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("bug"));
        await using var host = await SlackTestHost.StartAsync(store.Object, _w.Api.BaseUrl);

        using var broken = await host.CommandAsync("log");
        using var help = await host.CommandAsync("help");

        Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
        Assert.DoesNotContain("bug", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, help.StatusCode);
    }
}
