using System.Diagnostics;
using System.Net;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>Slow storage: Teams gets its answer within the budget (it gives up at 15 s), and the turn finishes and replies afterwards.</summary>
public sealed class AnswerBudgetTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private TeamsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _host = await TeamsTestHost.StartAsync(new() { ["Teams:Authentication"] = "None", ["Teams:AnswerBudget"] = "00:00:01" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task SlowCommit_AnsweredWithinTheBudget_ThenTheTurnRepliesThroughTheConnector()
    {
        using (await _host.PostAsync(Fixtures.Retarget("message-personal", _connector.ServiceUrl, j => j["text"] = "help"))) { } // warm
        var before = _connector.Calls.Count;
        _host.Store.CommitDelay = TimeSpan.FromSeconds(3);
        var clock = Stopwatch.StartNew();

        using var response = await _host.PostAsync(Fixtures.Retarget("message-personal", _connector.ServiceUrl, j => j["text"] = "start Pilot"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), $"answered after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(before, _connector.Calls.Count);
        var calls = await _connector.WaitForAsync(before + 1);
        Assert.True(calls.Count > before, "the late turn never replied");
        Assert.Contains("Pilot", calls[^1].Body.ToJsonString(), StringComparison.Ordinal);
    }
}
