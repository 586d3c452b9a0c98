using System.Diagnostics;
using System.Net;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>Slow storage: Slack still gets its ack within 2.5 s, and the work finishes afterwards, even if Slack hangs up.</summary>
public sealed class AckBudgetTests : IAsyncLifetime
{
    private SlackWorld _w = null!;

    public async Task InitializeAsync() => _w = await SlackWorld.StartAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task SlowCommit_AckedWithinTheBudget_ThenTheTurnFinishesAndPosts()
    {
        await _w.Command("help"); // warm: the first request of a process also pays for JIT and the connection
        _w.Store.CommitDelay = TimeSpan.FromSeconds(4);
        var clock = Stopwatch.StartNew();

        using var response = await _w.Host.CommandAsync("start Pilot");

        var acked = clock.Elapsed;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(acked < TimeSpan.FromSeconds(2.9), $"acknowledged after {acked.TotalMilliseconds:0} ms");
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var posts = await _w.Api.WaitFor(c => c.Any(x => x.Method == "chat.postMessage"));
        Assert.Contains(posts, p => p.Method == "chat.postMessage" && SlackWorld.Text(p).Contains("Recovery \"Pilot\" started", StringComparison.Ordinal));
        Assert.NotNull(await _w.Store.GetRecoveryAsync(SlackWorld.Channel.RecoveryId, default));
    }

    [Fact]
    public async Task SlackHangsUp_TheCommitIsNotCut()
    {
        _w.Store.CommitDelay = TimeSpan.FromSeconds(1.5);
        using var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _w.Host.CommandAsync("start Pilot", ct: hangUp.Token));

        await SlackWorld.Eventually(async () => await _w.Store.GetRecoveryAsync(SlackWorld.Channel.RecoveryId, default) is not null, "the recovery");
    }

    [Fact]
    public async Task SlowCommit_ModalSubmission_AckedWithinTheBudget_ThenTheGapIsStored()
    {
        await _w.Command("start Pilot");
        _w.Store.CommitDelay = TimeSpan.FromSeconds(4);
        var clock = Stopwatch.StartNew();

        var answer = await _w.Interact("view-submission.json", p =>
        {
            p["view"]!["callback_id"] = "submit-gap";
            p["view"]!["state"] = System.Text.Json.Nodes.JsonNode.Parse("""{"values":{"title":{"title":{"type":"plain_text_input","value":"Slow form"}}}}""");
        });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.9), $"acknowledged after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal("", answer);
        await SlackWorld.Eventually(async () => (await _w.Gaps()).Any(g => g.Title == "Slow form"), "the gap from the form");
    }

    [Fact]
    public async Task FastCommit_AnswersInTheHttpReply_AsBefore()
    {
        var body = await _w.Command("gap Reps cannot see the field");

        Assert.NotNull(body);
        Assert.Contains("There is no recovery in this channel yet", body.RootElement.GetRawText(), StringComparison.Ordinal);
    }
}
