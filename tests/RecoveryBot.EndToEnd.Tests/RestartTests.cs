using System.Globalization;
using RecoveryBot.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests;

/// <summary>
/// One instance, killed while Slack holds its posts back, and started again (a crash and a redeploy): the new process
/// adopts what the old one had stored and not sent, so every report is announced, once.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RestartTests(AzuriteForHosts azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Channel = "C0RESTART";
    private static readonly Person Lena = new("U0LENA", "lena", "Lena Ortiz");
    private static readonly Person Mo = new("U0MO", "mo", "Mo Okafor");

    private SlackCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SlackCluster.StartAsync(azurite, [Lena, Mo], 1, new Dictionary<string, string>
    {
        ["Outbound__HostLease"] = "00:00:04",
        ["Outbound__SweepEvery"] = "00:00:01",
    });

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task OnlyInstanceKilledWithPostsUnsent_RestartedProcessSendsEachOnce()
    {
        var api = _cluster.Api;
        var first = _cluster.Hosts[0];
        // Slack answers every post with 429 and a long Retry-After: the host keeps its posts waiting.
        api.RateLimit("chat.postMessage", count: 10_000, retryAfterSeconds: 120);
        Assert.True((await _cluster.CommandAsync(first, Lena, "start Restart drill", Channel)).Acked);
        var titles = Enumerable.Range(1, 5).Select(i => $"Restart report {i}").ToList();
        foreach (var title in titles) Assert.True((await _cluster.CommandAsync(first, Mo, "gap " + title, Channel)).Acked);
        Assert.Equal(5, (await _cluster.Stored.GapsAsync(SlackWorkspace.Team, Channel)).Count);
        Assert.Empty(api.Posts);

        await first.Process.KillAsync();
        api.RateLimit("chat.postMessage", count: 0);
        var second = await _cluster.StartHostAsync("restarted");

        var posts = await api.WaitFor("the start and every report announced by the restarted process",
            calls => titles.All(t => calls.Any(c => c.Method == "chat.postMessage" && c.Ok && c.Text.EndsWith(": " + t + ".", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(45));
        var announced = posts.Where(c => c.Method == "chat.postMessage" && c.Ok).ToList();
        output.WriteLine(string.Join("\n", announced.Select(c => c.ToString())));
        Assert.Single(announced, c => c.Text.StartsWith("Recovery \"Restart drill\" started", StringComparison.Ordinal));
        for (var i = 0; i < titles.Count; i++)
        {
            Assert.Single(announced, c => c.Text == string.Create(CultureInfo.InvariantCulture, $"G-{i + 1} logged by Mo Okafor: {titles[i]}."));
        }
        // Oldest first, as the dead process would have sent them.
        Assert.Equal(titles, announced.Where(c => c.Text.Contains(" logged by ", StringComparison.Ordinal)).Select(c => c.Text[(c.Text.IndexOf(": ", StringComparison.Ordinal) + 2)..^1]));
        Assert.False(second.Process.HasExited);
    }
}
