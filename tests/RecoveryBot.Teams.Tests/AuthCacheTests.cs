using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using RecoveryBot.Teams.Auth;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>A token seen before is not checked again in full, but what can change about it still is.</summary>
public sealed class AuthCacheTests : IDisposable
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private readonly BotFrameworkFake _bf = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _bf.Dispose();

    [Fact]
    public async Task SameToken_Again_AcceptedWithoutAnotherSignatureCheck()
    {
        var key = _bf.Publish("k1");
        var auth = _bf.Authenticator(_time);
        var token = BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl);

        var first = await auth.AuthenticateAsync("Bearer " + token, CancellationToken.None);
        var second = await auth.AuthenticateAsync("Bearer " + token, CancellationToken.None);

        Assert.True(first.Ok, first.Reason);
        Assert.True(second.Ok, second.Reason);
        Assert.Equal(first.Caller!.ServiceUrl, second.Caller!.ServiceUrl);
        Assert.Equal(first.Caller.Endorsements, second.Caller.Endorsements);
        Assert.Equal(1, auth.FullValidations);
    }

    [Fact]
    public async Task TokenWithAlteredSignature_AfterTheRealOne_StillRejected()
    {
        var key = _bf.Publish("k1");
        var auth = _bf.Authenticator(_time);
        var token = BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl);
        Assert.True((await auth.AuthenticateAsync("Bearer " + token, CancellationToken.None)).Ok);

        var forged = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");
        var verdict = await auth.AuthenticateAsync("Bearer " + forged, CancellationToken.None);

        Assert.Equal(401, verdict.Status);
        Assert.Equal(2, auth.FullValidations);
    }

    [Fact]
    public async Task CachedToken_SigningKeyWithdrawn_Rejected()
    {
        var key = BotFrameworkFake.NewKey("k1");
        var manager = new SwappableMetadata(Metadata(key));
        var options = new TeamsOptions { AppId = BotFrameworkFake.AppId, AppPassword = "secret", OpenIdMetadataUrl = new Uri(BotFrameworkFake.MetadataUrl) };
        var auth = new BotAuthenticator(new SigningKeys(manager, options, _time), options, _time);
        var token = BotFrameworkFake.Mint(key, _time.GetUtcNow(), ServiceUrl);
        Assert.True((await auth.AuthenticateAsync("Bearer " + token, CancellationToken.None)).Ok);

        manager.Current = Metadata(BotFrameworkFake.NewKey("k2"));
        var verdict = await auth.AuthenticateAsync("Bearer " + token, CancellationToken.None);

        Assert.Equal(401, verdict.Status);
    }

    private static BotMetadata Metadata(SecurityKey key) =>
        new(new OpenIdConnectConfiguration { Issuer = BotFrameworkFake.Issuer }, [key],
            new Dictionary<string, IReadOnlyList<string>> { [key.KeyId] = ["msteams"] });

    private sealed class SwappableMetadata(BotMetadata initial) : IConfigurationManager<BotMetadata>
    {
        public BotMetadata Current { get; set; } = initial;

        public Task<BotMetadata> GetConfigurationAsync(CancellationToken cancel) => Task.FromResult(Current);

        public void RequestRefresh()
        {
        }
    }
}
