using RecoveryBot.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests;

/// <summary>Slack answers 429 with Retry-After for a while: every channel post still arrives, exactly once, later.</summary>
public sealed class RateLimitTests(AzuriteForHosts azurite, ITestOutputHelper output) : EndToEndTest(azurite, output)
{
    private const string Channel = "C0STORM";
    private const int RateLimited = 6;
    private const int Reports = 4;

    [Fact]
    public Task RateLimitStorm_EveryChannelPostDeliveredOnceAndLater() => Scenario(async () =>
    {
        await Slack.CommandAsync(Lena, "start Quotes rollout", Channel);
        await Slack.Api.WaitForPost("Recovery \"Quotes rollout\" started");
        var before = Slack.Api.Posts.Count;

        Slack.Api.RateLimit("chat.postMessage", RateLimited, retryAfterSeconds: 1);
        for (var i = 1; i <= Reports; i++)
        {
            // Each report is acknowledged at once (CommandAsync checks Slack's 3 s) whatever the Web API is doing.
            var reply = await Slack.CommandAsync(Mo, $"gap Printer queue stuck on floor {i}", Channel);
            Assert.True(reply.IsEmpty, reply.ToString());
        }

        // Each report posts one message: its line above its gap card.
        var expected = before + Reports;
        await Slack.Api.WaitFor($"{expected} delivered posts after the storm", c => c.Count(x => x.Method == "chat.postMessage" && x.Ok) >= expected,
            TimeSpan.FromSeconds(60));
        // Barrier: one more post, so a late duplicate of any of them would be seen.
        await Slack.CommandAsync(Lena, "review +10d", Channel);
        await Slack.Api.WaitForPost("Next review:");

        var calls = Slack.Api.Calls.Where(c => c.Method == "chat.postMessage").ToList();
        var limited = calls.Where(c => c.Status == 429).ToList();
        Assert.Equal(RateLimited, limited.Count);
        var delivered = calls.Where(c => c.Ok).Skip(before).ToList();
        Assert.Equal(Reports + 1, delivered.Count);
        Assert.Equal(delivered.Count, delivered.Select(c => c.Body).Distinct().Count());

        var lines = delivered.Where(c => c.Text.Contains("logged by", StringComparison.Ordinal)).Select(c => c.Text).ToList();
        Assert.Equal(Enumerable.Range(1, Reports).Select(i => $"G-{i} logged by Mo Okafor: Printer queue stuck on floor {i}."), lines);
        for (var i = 1; i <= Reports; i++)
        {
            var header = $"G-{i} Printer queue stuck on floor {i}";
            Assert.Single(delivered, c => c.BlockText.Contains(header, StringComparison.Ordinal) && c.Text.StartsWith($"G-{i} logged by", StringComparison.Ordinal));
        }
        // Later: nothing got through before Slack's Retry-After had passed.
        var firstLimited = limited.Min(c => c.At);
        Assert.True(delivered[0].At - firstLimited >= TimeSpan.FromSeconds(0.9),
            $"first delivery {delivered[0].At.TotalSeconds:0.000}s came too soon after the first 429 at {firstLimited.TotalSeconds:0.000}s");
        // The channel's posts stay in order: every 429 was the first report's line, tried again until it went through.
        Assert.All(limited, c => Assert.Equal(delivered[0].Body, c.Body));
        Assert.Equal(Reports, (await Slack.Stored.GapsAsync(SlackWorkspace.Team, Channel)).Count);
        Output.WriteLine($"{limited.Count} × 429, then {delivered.Count} posts between {delivered[0].At.TotalSeconds:0.0}s and {delivered[^1].At.TotalSeconds:0.0}s");
    });
}
