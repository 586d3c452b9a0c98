using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Auth;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>Signatures and keys: only published RS256 keys endorsed for Teams; rotation refreshes the keys, forged key ids cannot.</summary>
public sealed class SigningKeyTests : IDisposable
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private readonly BotFrameworkFake _bf = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _bf.Dispose();

    private Task<AuthResult> CheckAsync(string token) => CheckWithAsync(_bf.Authenticator(_time), token);

    private static async Task<AuthResult> CheckWithAsync(BotAuthenticator auth, string token)
    {
        var verdict = await auth.AuthenticateAsync("Bearer " + token, CancellationToken.None);
        var activity = Fixtures.Activity("message-personal") with { ServiceUrl = ServiceUrl };
        return verdict.Ok ? BotAuthenticator.Authorize(verdict.Caller!, activity) : verdict;
    }

    [Fact]
    public async Task BadSignature_Is401()
    {
        _bf.Publish("k1");
        var impostor = BotFrameworkFake.NewKey("k1"); // same key id, different key

        var verdict = await CheckAsync(BotFrameworkFake.Mint(impostor, _time.GetUtcNow(), ServiceUrl));

        Assert.Equal(401, verdict.Status);
    }

    [Fact]
    public async Task TamperedPayload_Is401()
    {
        var key = _bf.Publish("k1");
        var parts = BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl).Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(BotFrameworkFake.AppId, "00000000-0000-0000-0000-000000000000", StringComparison.Ordinal);

        var verdict = await CheckAsync($"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}");

        Assert.Equal(401, verdict.Status);
    }

    [Fact]
    public async Task Hs256Token_Is401()
    {
        _bf.Publish("k1");
        var symmetric = new SymmetricSecurityKey(new byte[32]) { KeyId = "k1" };

        var verdict = await CheckAsync(BotFrameworkFake.Mint(symmetric, _time.GetUtcNow(), ServiceUrl, algorithm: SecurityAlgorithms.HmacSha256));

        Assert.Equal(401, verdict.Status);
    }

    [Fact]
    public async Task KeyNotEndorsedForTeams_Is403()
    {
        var key = _bf.Publish("k1", ["webchat"]);

        var verdict = await CheckAsync(BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl));

        Assert.Equal(403, verdict.Status);
    }

    [Fact]
    public async Task KeyWithoutEndorsements_IsAccepted()
    {
        var key = _bf.Publish("k1", null);

        Assert.True((await CheckAsync(BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl))).Ok);
    }

    [Fact]
    public async Task UnknownKey_RefreshesKeys_ThenTheNewKeyIsAccepted()
    {
        var old = _bf.Publish("k1");
        var auth = _bf.Authenticator(_time);
        Assert.True((await CheckWithAsync(auth, BotFrameworkFake.Mint(old, _time.GetUtcNow(), ServiceUrl))).Ok);
        var fetchesBefore = _bf.KeyFetches;

        var rotated = _bf.Publish("k2");
        var verdict = await CheckWithAsync(auth, BotFrameworkFake.Mint(rotated, _time.GetUtcNow(), ServiceUrl));

        Assert.True(verdict.Ok, verdict.Reason);
        Assert.True(_bf.KeyFetches > fetchesBefore);
    }

    [Fact]
    public async Task ForgedKeyIds_RefreshAtMostOncePerInterval()
    {
        var known = _bf.Publish("k1");
        var auth = _bf.Authenticator(_time);
        Assert.True((await CheckWithAsync(auth, BotFrameworkFake.Mint(known, _time.GetUtcNow(), ServiceUrl))).Ok);

        Assert.Equal(401, (await CheckWithAsync(auth, BotFrameworkFake.Mint(BotFrameworkFake.NewKey("forged-1"), _time.GetUtcNow(), ServiceUrl))).Status);
        var fetches = _bf.KeyFetches;
        var forged = BotFrameworkFake.Mint(BotFrameworkFake.NewKey("forged-2"), _time.GetUtcNow(), ServiceUrl);
        var started = TimeProvider.System.GetTimestamp();
        Assert.Equal(401, (await CheckWithAsync(auth, forged)).Status);

        Assert.Equal(fetches, _bf.KeyFetches);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task NoAppIdConfigured_EveryTokenIs401()
    {
        var key = _bf.Publish("k1");
        var auth = _bf.Authenticator(_time, new TeamsOptions { OpenIdMetadataUrl = new Uri(BotFrameworkFake.MetadataUrl) });

        var verdict = await auth.AuthenticateAsync("Bearer " + BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl), CancellationToken.None);

        Assert.Equal(401, verdict.Status);
    }

    [Fact]
    public async Task KeysUnreachable_Is503()
    {
        using var down = new HttpClient(new DownHandler());
        var options = new TeamsOptions { AppId = BotFrameworkFake.AppId, OpenIdMetadataUrl = new Uri(BotFrameworkFake.MetadataUrl) };
        var manager = new Microsoft.IdentityModel.Protocols.ConfigurationManager<BotMetadata>(BotFrameworkFake.MetadataUrl, new BotMetadataRetriever(),
            new Microsoft.IdentityModel.Protocols.HttpDocumentRetriever(down));
        var auth = new BotAuthenticator(new SigningKeys(manager, options, _time), options, _time);

        var verdict = await auth.AuthenticateAsync("Bearer " + BotFrameworkFake.Mint(BotFrameworkFake.NewKey("k1"), _time.GetUtcNow(), ServiceUrl), CancellationToken.None);

        Assert.Equal(503, verdict.Status);
    }

    private sealed class DownHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable));
    }
}
