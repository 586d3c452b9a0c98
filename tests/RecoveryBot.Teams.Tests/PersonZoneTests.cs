using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.App;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>
/// The sender's <c>localTimezone</c> (an IANA id on every message and invoke the Agents Playground sends; "UTC" there)
/// is kept as their zone for personal posts: stored when it changes, once per person per host, ignored when unknown.
/// </summary>
public sealed class PersonZoneTests : IAsyncLifetime
{
    private readonly Zones _zones = new();
    private FakeConnector _connector = null!;
    private TeamsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _host = await TeamsTestHost.StartAsync(new() { ["Teams:Authentication"] = "None" },
            s => s.AddSingleton(new PersonZones(_zones)));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Message_PlaygroundFixtureAsRecorded_StoresUtcForTheSender()
    {
        await PostAsync(zone: null);

        var (person, zone) = Assert.Single(_zones.Stored);
        Assert.Equal(("teams", "user-id-0"), (person.Platform, person.User));
        Assert.Equal("UTC", zone);
    }

    [Fact]
    public async Task Message_LocalTimezoneBerlinThenTokyo_StoresEachChangeOnce()
    {
        await PostAsync("Europe/Berlin");
        await PostAsync("Europe/Berlin");
        await PostAsync("Asia/Tokyo");

        Assert.Equal("Asia/Tokyo", Assert.Single(_zones.Stored).Value);
        Assert.Equal(2, _zones.Writes);
        Assert.Equal(2, _zones.Reads);   // the repeat is answered from memory
    }

    [Fact]
    public async Task Message_UnknownLocalTimezone_Ignored()
    {
        await PostAsync("Mars/Olympus_Mons");

        Assert.Empty(_zones.Stored);
    }

    private async Task PostAsync(string? zone)
    {
        using var response = await _host.PostAsync(Fixtures.Retarget("message-personal", _connector.ServiceUrl, j =>
        {
            j["text"] = "help";
            if (zone is not null) j["localTimezone"] = zone;
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class Zones : IPersonZones
    {
        public ConcurrentDictionary<PersonKey, string> Stored { get; } = new();
        public int Reads;
        public int Writes;

        public Task<string?> GetZoneAsync(PersonKey person, CancellationToken ct)
        {
            Interlocked.Increment(ref Reads);
            return Task.FromResult(Stored.TryGetValue(person, out var z) ? z : null);
        }

        public Task SetZoneAsync(PersonKey person, string zone, CancellationToken ct)
        {
            Interlocked.Increment(ref Writes);
            Stored[person] = zone;
            return Task.CompletedTask;
        }
    }
}
