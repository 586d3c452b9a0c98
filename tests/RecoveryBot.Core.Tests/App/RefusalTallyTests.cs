using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;

namespace RecoveryBot.Core.Tests.App;

public sealed class RefusalTallyTests
{
    [Fact]
    public void Record_FirstRefusal_IsReportedAtOnce()
    {
        var tally = new RefusalTally(new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)), TimeSpan.FromMinutes(5));

        Assert.Equal("1 requests refused since 2026-12-02T09:00:00.0000000+00:00: 1 Slack BadSignature", tally.Record("Slack BadSignature"));
    }

    [Fact]
    public void Record_FloodWithinThePeriod_CountedAndReportedOnceWhenThePeriodIsOver()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var tally = new RefusalTally(time, TimeSpan.FromMinutes(5));
        tally.Record("Slack BadSignature");

        var quiet = new List<string?>();
        for (var i = 0; i < 1000; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            quiet.Add(tally.Record(i % 4 == 0 ? "Teams 401" : "Slack Stale"));
        }
        time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 5, 0, TimeSpan.Zero));
        var summary = tally.Record("Slack TooLarge");

        Assert.All(quiet, Assert.Null);
        Assert.Equal("1001 requests refused since 2026-12-02T09:00:00.2500000+00:00: 750 Slack Stale, 1 Slack TooLarge, 250 Teams 401", summary);
        Assert.Null(tally.Record("Slack Stale"));
    }
}
