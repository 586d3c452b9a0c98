using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

/// <summary>Slack event ids claimed once across hosts: two hosts (two claim objects) on one Azurite table.</summary>
public sealed class DeliveryClaimTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private static readonly CancellationToken Ct = CancellationToken.None;

    private TableDeliveryClaims Host() => new(CreateStorage(Azurite.ConnectionString, Storage.Names.Prefix), _time);

    [Fact]
    public async Task SameId_OnTwoHosts_OnlyOneRuns_EvenAtOnce()
    {
        var hosts = Enumerable.Range(0, 8).Select(_ => Host()).ToList();

        var wins = await Task.WhenAll(hosts.Select(h => h.TryClaimAsync("slack-event", "Ev0001", Ct)));

        Assert.Equal(1, wins.Count(w => w));
    }

    [Fact]
    public async Task RepeatWhileRunningElsewhere_IsToldRunning_NotFinished_UntilTheLeaseEnds()
    {
        var a = Host();
        var b = new TableDeliveryClaims(CreateStorage(Azurite.ConnectionString, Storage.Names.Prefix), _time,
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { ClaimLease = TimeSpan.FromSeconds(5) }));
        Assert.Equal(ClaimOutcome.Claimed, await b.ClaimAsync("slack-event", "Ev0009", Ct));

        // The claimer's host died mid-run: a retry meanwhile must not be acknowledged as done…
        Assert.Equal(ClaimOutcome.Running, await a.ClaimAsync("slack-event", "Ev0009", Ct));
        // …and once the (configured) lease has ended, the retry runs it, knowing the first run may have landed in part.
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(ClaimOutcome.Reclaimed, await a.ClaimAsync("slack-event", "Ev0009", Ct));
        await a.CompleteAsync("slack-event", "Ev0009", Ct);
        Assert.Equal(ClaimOutcome.Finished, await b.ClaimAsync("slack-event", "Ev0009", Ct));
    }

    [Fact]
    public async Task Finished_IsKeptAtLeastAnHour_ThenForgotten()
    {
        var a = Host();
        var b = Host();
        Assert.True(await a.TryClaimAsync("slack-event", "Ev0002", Ct));
        await a.CompleteAsync("slack-event", "Ev0002", Ct);

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(await b.TryClaimAsync("slack-event", "Ev0002", Ct));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await b.TryClaimAsync("slack-event", "Ev0002", Ct));
    }

    [Fact]
    public async Task Failed_IsReleased_SoTheRetryRunsItOnce()
    {
        var a = Host();
        var b = Host();
        Assert.True(await a.TryClaimAsync("slack-event", "Ev0003", Ct));
        await a.ReleaseAsync("slack-event", "Ev0003", Ct);

        Assert.True(await b.TryClaimAsync("slack-event", "Ev0003", Ct));
        await b.CompleteAsync("slack-event", "Ev0003", Ct);
        Assert.False(await a.TryClaimAsync("slack-event", "Ev0003", Ct));
    }

    [Fact]
    public async Task Running_OnAHostThatDied_IsTakenOverAfterItsLease()
    {
        var a = Host();
        var b = Host();
        Assert.True(await a.TryClaimAsync("slack-event", "Ev0004", Ct));

        Assert.False(await b.TryClaimAsync("slack-event", "Ev0004", Ct));
        _time.Advance(IDeliveryClaims.RunningLease + TimeSpan.FromSeconds(1));
        Assert.True(await b.TryClaimAsync("slack-event", "Ev0004", Ct));
        Assert.False(await a.TryClaimAsync("slack-event", "Ev0004", Ct));
    }

    [Fact]
    public async Task OddIds_AreStoredSafely()
    {
        var a = Host();
        Assert.True(await a.TryClaimAsync("slack-event", "a/b#c?d\\e", Ct));
        Assert.False(await a.TryClaimAsync("slack-event", "a/b#c?d\\e", Ct));
    }
}
