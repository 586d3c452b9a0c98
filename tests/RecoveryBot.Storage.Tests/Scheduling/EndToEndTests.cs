using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests.Scheduling;

/// <summary>Turns through <see cref="RecoveryService"/> wake the scheduler, which then posts from what they stored.</summary>
public sealed class EndToEndTests(AzuriteFixture azurite) : SchedulerTestBase(azurite)
{
    private static readonly ChannelKey Channel = new("slack", "T-ACME", "C-E2E");

    private async Task SayAsync(RecoveryService service, UserRef who, string text)
    {
        var parsed = Assert.IsType<ParseResult.Ok>(CommandParser.Parse(text));
        await service.HandleAsync(new Turn(Channel, who), parsed.Command, Ct);
    }

    [Fact]
    public async Task RunOnce_AfterTurnsThroughRecoveryService_PostsWatchesAndNudgeFromStoredState()
    {
        var service = new RecoveryService(Store, Time, new NoLinks(), Index);
        await SayAsync(service, Lead, "start Quotes rollout tz Europe/Berlin");
        await SayAsync(service, Lead, "gap Quotes fail on mobile");
        await SayAsync(service, Lead, $"assign G-1 <@{Owner.Id}|{Owner.Name}> 2026-12-01");

        await TickUntilAsync(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), NewRunner("host-1"));

        var id = Channel.RecoveryId;
        Assert.NotNull(await Outbox.GetAsync(id, "watch:ownership", Ct));   // Wed 09:00: 48 hours, no ownership message
        Assert.NotNull(await Outbox.GetAsync(id, "watch:plan", Ct));        // Wed 09:00: 2 business days, no plan
        Assert.NotNull(await Outbox.GetAsync(id, "overdue:G-1:2026-12-01:nudge", Ct));
        Assert.Equal(3, Poster.Posted.Count);
        Assert.StartsWith("Ana Silva, G-1", Poster.Posted[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_DueDateMovedByTurn_WakesAndDropsTheStaleNudge()
    {
        var service = new RecoveryService(Store, Time, new NoLinks(), Index);
        await SayAsync(service, Lead, "start Quotes rollout tz Europe/Berlin");
        await SayAsync(service, Lead, "gap Quotes fail on mobile");
        await SayAsync(service, Lead, $"assign G-1 <@{Owner.Id}|{Owner.Name}> 2026-12-01");
        var runner = NewRunner("host-1");
        await TickUntilAsync(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), runner);

        await SayAsync(service, Owner, "due G-1 2026-12-10 because the vendor patch slipped");
        await TickUntilAsync(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), runner);

        Assert.Null(await Outbox.GetAsync(Channel.RecoveryId, "overdue:G-1:2026-12-01:nudge", Ct));
        Assert.DoesNotContain(Poster.Posted, p => p.Text.Contains("G-1", StringComparison.Ordinal));
    }

    private sealed class NoLinks : ISummaryLinks
    {
        public string SummaryUrl(Recovery recovery) => "https://example.test/summary";
        public string LogUrl(Recovery recovery) => "https://example.test/summary#log";
    }
}
