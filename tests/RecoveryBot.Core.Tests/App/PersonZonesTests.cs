using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Core.Tests.App;

public sealed class PersonZonesTests
{
    private static readonly PersonKey Ravi = new("slack", "T-ACME", "U-RAVI");
    private static readonly RecoveryId Quotes = new ChannelKey("slack", "T-ACME", "C-1").RecoveryId;

    private sealed class Zones : IPersonZones
    {
        public Dictionary<PersonKey, string> Stored { get; } = [];
        public int Reads { get; private set; }
        public int Writes { get; private set; }

        public Task<string?> GetZoneAsync(PersonKey person, CancellationToken ct)
        {
            Reads++;
            return Task.FromResult(Stored.TryGetValue(person, out var z) ? z : null);
        }

        public Task SetZoneAsync(PersonKey person, string zone, CancellationToken ct)
        {
            Writes++;
            Stored[person] = zone;
            return Task.CompletedTask;
        }
    }

    private static (PersonZones Learner, Zones Store, Mock<IScheduleIndex> Schedule) Create()
    {
        var store = new Zones();
        var people = new Mock<IPeopleIndex>();
        people.Setup(p => p.RecoveriesOfAsync(Ravi, It.IsAny<CancellationToken>())).ReturnsAsync([Quotes]);
        var schedule = new Mock<IScheduleIndex>();
        return (new PersonZones(store, people.Object, schedule.Object), store, schedule);
    }

    [Fact]
    public async Task SeeAsync_NewZone_StoresItAndPlansThePersonsRecoveriesAgain()
    {
        var (learner, store, schedule) = Create();

        Assert.True(await learner.SeeAsync(Ravi, "Asia/Tokyo", default));

        Assert.Equal("Asia/Tokyo", store.Stored[Ravi]);
        schedule.Verify(s => s.WakeAsync(Quotes, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SeeAsync_SameZoneAgain_NoStorageAfterTheFirstTime()
    {
        var (learner, store, _) = Create();
        await learner.SeeAsync(Ravi, "Asia/Tokyo", default);

        Assert.False(await learner.SeeAsync(Ravi, "Asia/Tokyo", default));

        Assert.Equal((1, 1), (store.Reads, store.Writes));
    }

    [Fact]
    public async Task SeeAsync_StoredAlready_ReadsOnceWritesNothing()
    {
        var (learner, store, schedule) = Create();
        store.Stored[Ravi] = "Asia/Tokyo";

        Assert.False(await learner.SeeAsync(Ravi, "Asia/Tokyo", default));

        Assert.Equal(0, store.Writes);
        schedule.Verify(s => s.WakeAsync(It.IsAny<RecoveryId>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SeeAsync_ZoneChanges_StoresTheNewOne()
    {
        var (learner, store, _) = Create();
        await learner.SeeAsync(Ravi, "Asia/Tokyo", default);

        Assert.True(await learner.SeeAsync(Ravi, "America/New_York", default));

        Assert.Equal("America/New_York", store.Stored[Ravi]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    public async Task SeeAsync_UnknownZone_Ignored(string? zone)
    {
        var (learner, store, _) = Create();

        Assert.False(await learner.SeeAsync(Ravi, zone, default));

        Assert.Equal((0, 0), (store.Reads, store.Writes));
    }
}
