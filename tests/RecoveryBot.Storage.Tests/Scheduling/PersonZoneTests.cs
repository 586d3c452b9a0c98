using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Storage.Scheduling;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests.Scheduling;

/// <summary>The scheduler reads a retester's stored zone and reminds them in their own business hours.</summary>
public sealed class PersonZoneTests(AzuriteFixture azurite) : SchedulerTestBase(azurite)
{
    private SchedulerRunner Runner(TablePeopleIndex people) => NewRunner("host-1", zones: people);

    [Fact]
    public async Task RunOnce_RetesterZoneStored_RemindsAt1000InTheirZoneSameKey()
    {
        var people = new TablePeopleIndex(Storage);
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-ZONE"), WeekGaps());
        await people.SetZoneAsync(PersonKey.Of(r.Channel, Retester), "Asia/Tokyo", Ct);

        await TickUntilAsync(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), Runner(people));

        var row = await RowAsync(r.Id, "retest:G-2:2026-12-03:1");
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero), row.DueAt);   // 10:00 Tokyo
        Assert.Equal(OutboxRow.Sent, row.Status);
        // The owner has no zone: the nudge keeps the recovery's 09:30.
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 30, 0, TimeSpan.Zero), (await RowAsync(r.Id, "overdue:G-1:2026-12-01:nudge")).DueAt);
    }

    [Fact]
    public async Task LearntZone_WakesTheRecoveryAndMovesTheUnpostedReminder()
    {
        var people = new TablePeopleIndex(Storage);
        var r = await SeedAsync(Recovery("Europe/Berlin", "C-ZONE2"), WeekGaps());
        var runner = Runner(people);
        await TickUntilAsync(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), runner);
        var person = PersonKey.Of(r.Channel, Retester);
        await people.AddAsync(person, r.Id, Ct);

        Assert.True(await new PersonZones(people, people, Index).SeeAsync(person, "America/New_York", Ct));
        await TickUntilAsync(new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), runner);

        Assert.Null(await Outbox.GetAsync(r.Id, "retest:G-2:2026-12-03:1", Ct));   // 10:00 Berlin passed, 10:00 New York not yet
        await TickUntilAsync(new DateTimeOffset(2026, 12, 3, 15, 30, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), runner);
        var row = await RowAsync(r.Id, "retest:G-2:2026-12-03:1");
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero), row.DueAt);
        Assert.Equal(OutboxRow.Sent, row.Status);
    }
}
