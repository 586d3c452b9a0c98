using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using RecoveryBot.Teams.Auth;

namespace RecoveryBot.Teams.Tests.Support;

/// <summary>
/// A stand-in for login.botframework.com: our own RSA keys, the OpenID metadata and JWKS served by a fake
/// HTTP handler (with endorsements, as the real JWKS has), and tokens minted the way the Connector mints them.
/// </summary>
public sealed class BotFrameworkFake : HttpMessageHandler
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string Issuer = "https://api.botframework.com";
    public const string MetadataUrl = "https://login.test/v1/.well-known/openidconfiguration";
    private const string KeysUrl = "https://login.test/v1/.well-known/keys";

    private readonly List<(RsaSecurityKey Key, string[]? Endorsements)> _published = [];

    public int MetadataFetches { get; private set; }
    public int KeyFetches { get; private set; }

    public static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    /// <summary>Publishes a new key endorsed for Teams (and Web Chat), as the real JWKS endorses its keys.</summary>
    public RsaSecurityKey Publish(string kid) => Publish(kid, ["msteams", "webchat"]);

    /// <summary>Publishes a new key; null endorsements leaves the property out of the JWKS.</summary>
    public RsaSecurityKey Publish(string kid, string[]? endorsements)
    {
        var key = NewKey(kid);
        lock (_published) _published.Add((key, endorsements));
        return key;
    }

    public static string Mint(SecurityKey key, DateTimeOffset now, string serviceUrl, string? issuer = Issuer, string? audience = AppId,
        TimeSpan? lifetime = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddMinutes(-1),
            Expires = now.UtcDateTime + (lifetime ?? TimeSpan.FromHours(1)),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The authenticator wired exactly as AddTeamsChannel wires it, but fetching from this fake.</summary>
    internal BotAuthenticator Authenticator(TimeProvider time, TeamsOptions? options = null)
    {
        options ??= new TeamsOptions { AppId = AppId, AppPassword = "secret", OpenIdMetadataUrl = new Uri(MetadataUrl) };
        var manager = new ConfigurationManager<BotMetadata>(MetadataUrl, new BotMetadataRetriever(),
            new HttpDocumentRetriever(new HttpClient(this, disposeHandler: false)) { RequireHttps = true })
        {
            AutomaticRefreshInterval = options.MetadataRefreshInterval,
            RefreshInterval = options.UnknownKeyRefreshInterval,
        };
        return new BotAuthenticator(new SigningKeys(manager, options, time), options, time);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        string body;
        if (url == MetadataUrl)
        {
            MetadataFetches++;
            body = new JsonObject
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = KeysUrl,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            }.ToJsonString();
        }
        else if (url == KeysUrl)
        {
            KeyFetches++;
            body = Jwks();
        }
        else
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }

    private string Jwks()
    {
        var keys = new JsonArray();
        lock (_published)
        {
            foreach (var (key, endorsements) in _published)
            {
                var p = key.Rsa.ExportParameters(false);
                var jwk = new JsonObject
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                };
                if (endorsements is not null) jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode?)e)]);
                keys.Add(jwk);
            }
        }
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }
}
