using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Auth;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>Bot Framework token validation (protocols.md B) against our own keys and a local metadata endpoint.</summary>
public sealed class AuthTests : IDisposable
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private readonly BotFrameworkFake _bf = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _bf.Dispose();

    private static Activity Activity(string? serviceUrl = ServiceUrl, string channel = "msteams") =>
        Fixtures.Activity("message-personal") with { ServiceUrl = serviceUrl, ChannelId = channel };

    private async Task<AuthResult> CheckAsync(string token, Activity? activity = null)
    {
        var auth = _bf.Authenticator(_time);
        return await CheckWithAsync(auth, token, activity);
    }

    private static async Task<AuthResult> CheckWithAsync(BotAuthenticator auth, string token, Activity? activity = null)
    {
        var verdict = await auth.AuthenticateAsync("Bearer " + token, CancellationToken.None);
        return verdict.Ok ? BotAuthenticator.Authorize(verdict.Caller!, activity ?? Activity()) : verdict;
    }

    [Fact]
    public async Task ValidConnectorToken_IsAccepted()
    {
        var key = _bf.Publish("k1");

        var verdict = await CheckAsync(BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl));

        Assert.True(verdict.Ok, verdict.Reason);
    }

    [Fact]
    public async Task ServiceUrl_IsComparedCaseInsensitively()
    {
        var key = _bf.Publish("k1");

        var verdict = await CheckAsync(BotFrameworkFake.Mint(key, _time.GetUtcNow(), "HTTPS://SMBA.trafficmanager.net/amer/"));

        Assert.True(verdict.Ok, verdict.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-jwt")]
    public async Task MissingOrMalformedHeader_Is401(string? header)
    {
        _bf.Publish("k1");

        var verdict = await _bf.Authenticator(_time).AuthenticateAsync(header, CancellationToken.None);

        Assert.Equal(401, verdict.Status);
    }

    [Fact]
    public async Task WrongIssuer_Is401()
    {
        var key = _bf.Publish("k1");

        var verdict = await CheckAsync(BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl, issuer: "https://sts.windows.net/evil/"));

        Assert.Equal(401, verdict.Status);
    }

    [Fact]
    public async Task WrongAudience_Is401()
    {
        var key = _bf.Publish("k1");

        var verdict = await CheckAsync(BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl, audience: "99999999-0000-0000-0000-000000000000"));

        Assert.Equal(401, verdict.Status);
    }

    [Fact]
    public async Task Expired_Is401_ButWithinFiveMinutesSkew_IsAccepted()
    {
        var key = _bf.Publish("k1");
        var token = BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl, lifetime: TimeSpan.FromMinutes(10));
        var auth = _bf.Authenticator(_time);

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.True((await CheckWithAsync(auth, token)).Ok);
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(401, (await CheckWithAsync(auth, token)).Status);
    }

    [Fact]
    public async Task NotYetValid_Is401()
    {
        var key = _bf.Publish("k1");

        var verdict = await CheckAsync(BotFrameworkFake.Mint(key, _time.GetUtcNow().AddMinutes(30), ServiceUrl));

        Assert.Equal(401, verdict.Status);
    }

    [Fact]
    public async Task ServiceUrlMismatch_Is401()
    {
        var key = _bf.Publish("k1");

        var verdict = await CheckAsync(BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl), Activity("https://evil.example/"));

        Assert.Equal(401, verdict.Status);
    }

}
