using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests.Scheduling;

public sealed class MultiInstanceTests(AzuriteFixture azurite) : SchedulerTestBase(azurite)
{
    [Fact]
    public async Task RunOnce_ThreeInstancesTickingConcurrentlyForAWeek_PostsEveryOccurrenceExactlyOnce()
    {
        var recoveries = new List<Recovery>();
        foreach (var zone in new[] { "Europe/Berlin", "America/New_York", "Asia/Tokyo" })
        {
            recoveries.Add(await SeedAsync(Recovery(zone, "C-" + zone), WeekGaps()));
        }
        var runners = new[] { NewRunner("host-a"), NewRunner("host-b"), NewRunner("host-c") };

        await TickUntilAsync(WeekEnd, TimeSpan.FromMinutes(30), runners);

        Assert.Equal(3 * WeekKeys.Length, Poster.Calls.Count);
        foreach (var r in recoveries)
        {
            Assert.Equal(WeekKeys, await PostedKeysAsync(r.Id));
            var texts = Poster.Posted.Where(p => p.Recovery == r.Id).Select(p => p.Text).ToList();
            Assert.Equal(WeekKeys.Length, texts.Distinct().Count());
        }
        Assert.All(Poster.Posted, p => Assert.DoesNotContain("(late:", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnce_ThreeInstancesAtTheSameInstant_ClaimEachDueRecoveryOnce()
    {
        for (var i = 0; i < 12; i++) await SeedAsync(Recovery("Europe/Berlin", $"C-{i}"), WeekGaps());
        var runners = new[] { NewRunner("host-a"), NewRunner("host-b"), NewRunner("host-c") };
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 8, 30, 0, TimeSpan.Zero)); // Wed 09:30 Berlin: 12 nudges due

        var reports = await Task.WhenAll(runners.Select(r => Task.Run(() => r.RunOnceAsync(Ct))));

        Assert.Equal(12, Poster.Calls.Count);
        Assert.Equal(12, reports.SelectMany(r => r.Planned).Count(p => p.Enqueued));
        Assert.Equal(12, Poster.Posted.Select(p => p.Recovery).Distinct().Count());
    }
}
