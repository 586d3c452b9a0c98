using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>Refused requests are logged one by one at Debug only; a Warning counts them now and then.</summary>
public sealed class RefusedRequestLogTests : IDisposable
{
    private readonly RecordingLoggerProvider _logs = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task ForgedRequests_EachAtDebug_CountedInOneWarningPerPeriod()
    {
        await using var host = await SlackTestHost.StartAsync(new InMemoryRecoveryStore(), configure: s =>
        {
            s.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(_logs));
            s.AddSingleton(new RefusalTally(_clock, TimeSpan.FromMinutes(5)));
        });

        for (var i = 0; i < 5; i++)
        {
            using var forged = await host.PostAsync("/slack/commands", Fixture.Text("slash-command.txt"), secret: "not-the-secret");
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }
        _clock.Advance(TimeSpan.FromMinutes(5));
        using (var late = await host.PostAsync("/slack/commands", Fixture.Text("slash-command.txt"), secret: "not-the-secret")) { }

        var gate = _logs.Records.Where(r => r.Category.EndsWith("SlackGate", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, gate.Count(r => r.Level == LogLevel.Debug && r.Message.Contains("refused: Mismatch", StringComparison.Ordinal)));
        var warnings = gate.Where(r => r.Level >= LogLevel.Warning).Select(r => r.Message).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Matches("^Refused requests: 1 requests refused since .*: 1 Slack Mismatch$", warnings[0]);
        Assert.Matches("^Refused requests: 5 requests refused since .*: 5 Slack Mismatch$", warnings[1]);
    }
}
