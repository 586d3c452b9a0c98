using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Slack.Install;

namespace RecoveryBot.Slack.Tests.Install;

public sealed class OAuthStateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly HashSet<string> _claimed = [];
    private readonly EphemeralDataProtectionProvider _keys = new();

    private OAuthStates States(IDataProtectionProvider? keys = null) =>
        new(keys ?? _keys, (nonce, _, _) => Task.FromResult(_claimed.Add(nonce)), Options.Create(new SlackOptions()), _time);

    [Fact]
    public async Task Check_FreshState_Valid() => Assert.Equal(StateCheck.Valid, await States().CheckAsync(States().Issue(), default));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("CfDJ8forged-state-value")]
    public async Task Check_NotIssuedHere_Forged(string? state) => Assert.Equal(StateCheck.Forged, await States().CheckAsync(state, default));

    [Fact]
    public async Task Check_TamperedOrOtherKeyRing_Forged()
    {
        var state = States().Issue();
        var tampered = state[..^2] + (state[^2] == 'A' ? "B" : "A") + state[^1];
        Assert.Equal(StateCheck.Forged, await States().CheckAsync(tampered, default));
        Assert.Equal(StateCheck.Forged, await States(new EphemeralDataProtectionProvider()).CheckAsync(state, default));
    }

    [Fact]
    public async Task Check_AfterTenMinutes_Expired()
    {
        var state = States().Issue();
        _time.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(59));
        var early = States().Issue();
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(StateCheck.Expired, await States().CheckAsync(state, default));
        Assert.Equal(StateCheck.Valid, await States().CheckAsync(early, default));
    }

    [Fact]
    public async Task Check_Twice_ReusedTheSecondTime()
    {
        var state = States().Issue();
        Assert.Equal(StateCheck.Valid, await States().CheckAsync(state, default));
        Assert.Equal(StateCheck.Reused, await States().CheckAsync(state, default));
    }

    [Fact]
    public async Task Check_ExpiredState_NotClaimed()
    {
        var state = States().Issue();
        _time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(StateCheck.Expired, await States().CheckAsync(state, default));
        Assert.Empty(_claimed);
    }
}
