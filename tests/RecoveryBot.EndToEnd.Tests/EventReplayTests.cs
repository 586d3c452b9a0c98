using System.Net;
using RecoveryBot.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests;

/// <summary>Slack redelivers an event it thinks was not acknowledged; the host must act on it once.</summary>
public sealed class EventReplayTests(AzuriteForHosts azurite, ITestOutputHelper output) : EndToEndTest(azurite, output)
{
    private const string Channel = "C0PRINT";

    [Fact]
    public Task ReplayedAppMention_SameEventId_CreatesExactlyOneGap() => Scenario(async () =>
    {
        await Slack.CommandAsync(Lena, "start Office move", Channel);
        await Slack.Api.WaitForPost("Recovery \"Office move\" started");

        var mention = SlackWorkspace.AppMentionEvent("Ev0E2EREPLAY1", Mo, Channel, $"<@{SlackWorkspace.BotUser}> gap Printer queue stuck", "1795600100.000200");
        var first = await Slack.EventAsync(mention);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        // Slack's retry of the same event, signed afresh; then two more arriving together.
        var retry = await Slack.EventAsync(mention, retryNum: 1);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        var more = await Task.WhenAll(Slack.EventAsync(mention, retryNum: 2), Slack.EventAsync(mention, retryNum: 3));
        Assert.All(more, r => Assert.Equal(HttpStatusCode.OK, r.Status));

        // Barrier: the channel's posts go out in order, so anything the retries queued would come before this one.
        await Slack.CommandAsync(Lena, "review +10d", Channel);
        await Slack.Api.WaitForPost("Next review:");

        var logged = Slack.Api.Posts.Where(p => p.Text.Contains("logged by", StringComparison.Ordinal)).ToList();
        var post = Assert.Single(logged);
        Assert.Equal("G-1 logged by Mo Okafor: Printer queue stuck.", post.Text);
        var gap = Assert.Single(await Slack.Stored.GapsAsync(SlackWorkspace.Team, Channel));
        Assert.Equal(("Printer queue stuck", Mo.Id), (gap.GetString("Title"), StoredState.UserId(gap, "Reporter")));

        // Deduplication is by event id, not by text: a new event saying the same thing is a new report.
        Assert.Equal(HttpStatusCode.OK, (await Slack.EventAsync(
            SlackWorkspace.AppMentionEvent("Ev0E2EREPLAY2", Mo, Channel, $"<@{SlackWorkspace.BotUser}> gap Printer queue stuck", "1795600160.000300"))).Status);
        await Slack.Api.WaitForPost("G-2 logged by Mo Okafor: Printer queue stuck.");
        Assert.Equal(2, (await Slack.Stored.GapsAsync(SlackWorkspace.Team, Channel)).Count);
    });
}
