using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Api;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>The users.info answer already asked for a display name carries <c>tz</c>: it is kept as the person's zone.</summary>
public sealed class PersonZoneTests : IAsyncLifetime
{
    private readonly Zones _zones = new();
    private FakeSlackApi _api = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "s", ["Slack:BotToken"] = "xoxb-test-token", ["Slack:ApiBaseUrl"] = _api.BaseUrl.AbsoluteUri,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSlackChannel(config);
        services.AddSingleton(new RecoveryService(new InMemoryRecoveryStore(), TimeProvider.System, new FixedLinks()));
        services.AddSingleton(new PersonZones(_zones));
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task UsersInfoWithTz_StoresTheZone_NoCallOfItsOwn()
    {
        _api.UserZones["U0CLIENT"] = "Asia/Tokyo";

        Assert.Equal("Dana Ruiz", await _services.GetRequiredService<UserDirectory>().NameAsync("T0RECOV", "U0CLIENT", null, default));

        var (person, zone) = Assert.Single(_zones.Stored);
        Assert.Equal(new PersonKey("slack", "T0RECOV", "U0CLIENT"), person);
        Assert.Equal("Asia/Tokyo", zone);
        Assert.Single(_api.Calls, c => c.Method == "users.info");
    }

    [Fact]
    public async Task MentionedRetester_ZoneStoredFromTheNameLookup()
    {
        _api.UserZones["U0CLIENT"] = "America/New_York";

        await _services.GetRequiredService<UserDirectory>().NameMentionsAsync("T0RECOV", "ready G-1 retest <@U0CLIENT|dana> fri", default);

        Assert.Equal("America/New_York", _zones.Stored[new PersonKey("slack", "T0RECOV", "U0CLIENT")]);
    }

    [Fact]
    public async Task UsersInfoWithoutOrWithUnknownTz_StoresNothing()
    {
        _api.UserZones["U0CLIENT"] = "Mars/Olympus_Mons";
        var users = _services.GetRequiredService<UserDirectory>();

        await users.NameAsync("T0RECOV", "U0CLIENT", null, default);
        await users.NameAsync("T0RECOV", "U0LEAD", null, default);

        Assert.Empty(_zones.Stored);
    }

    private sealed class Zones : IPersonZones
    {
        public ConcurrentDictionary<PersonKey, string> Stored { get; } = new();

        public Task<string?> GetZoneAsync(PersonKey person, CancellationToken ct) =>
            Task.FromResult(Stored.TryGetValue(person, out var z) ? z : null);

        public Task SetZoneAsync(PersonKey person, string zone, CancellationToken ct)
        {
            Stored[person] = zone;
            return Task.CompletedTask;
        }
    }
}
