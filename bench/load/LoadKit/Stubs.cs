using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoadKit;

/// <summary>
/// The host's outside world during the benchmark, all on loopback in one process:
/// <list type="bullet">
/// <item>a Slack Web API stub (http) answering <c>ok:true</c> to every method, recording the "G-n logged by" channel posts;</item>
/// <item>a Bot Connector stub (http) accepting <c>POST/PUT v3/conversations/…</c> with <c>{"id":…}</c>, recording the same;</item>
/// <item>login.botframework.com's stand-in (https, certificate from a CA written to <c>ca.pem</c>): the OpenID metadata and
/// the JWKS of a local RSA key endorsed for msteams.</item>
/// </list>
/// It writes <c>ca.pem</c> and <c>teams-token.txt</c> (a Connector token for the App ID whose serviceurl is the connector stub)
/// into <c>--dir</c>, then serves until killed. <c>GET /stats</c> on either http port reports what was recorded.
/// </summary>
internal static partial class Stubs
{
    private const string Issuer = "https://api.botframework.com";
    private static readonly ConcurrentDictionary<string, long> SlackCalls = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ConcurrentBag<int>> SlackAnnounced = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ConcurrentBag<int>> TeamsAnnounced = new(StringComparer.Ordinal);
    private static long _connectorCalls;
    private static long _ts;

    public static async Task<int> RunAsync(Args args)
    {
        var dir = args["dir"];
        var slackPort = int.Parse(args["slack-port"], System.Globalization.CultureInfo.InvariantCulture);
        var connectorPort = int.Parse(args["connector-port"], System.Globalization.CultureInfo.InvariantCulture);
        var openIdPort = int.Parse(args["openid-port"], System.Globalization.CultureInfo.InvariantCulture);
        var appId = args["app-id"];
        Directory.CreateDirectory(dir);

        using var signingRsa = RSA.Create(2048);
        var signingKey = new RsaSecurityKey(signingRsa) { KeyId = "bench-key-1" };
        using var serverCert = CreateServerCertificate(Path.Combine(dir, "ca.pem"));
        var serviceUrl = $"http://127.0.0.1:{connectorPort}/";
        var token = Mint(signingKey, appId, serviceUrl, TimeSpan.FromHours(3));
        await File.WriteAllTextAsync(Path.Combine(dir, "teams-token.txt"), token);

        var metadataBase = $"https://127.0.0.1:{openIdPort}/v1/.well-known/";
        var metadata = new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = metadataBase + "keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }.ToJsonString();
        var p = signingRsa.ExportParameters(false);
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["kid"] = signingKey.KeyId,
                ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                ["endorsements"] = new JsonArray("msteams", "webchat"),
            }),
        }.ToJsonString();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, slackPort);
            k.Listen(IPAddress.Loopback, connectorPort);
            k.Listen(IPAddress.Loopback, openIdPort, o => o.UseHttps(serverCert));
        });
        var app = builder.Build();
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Text(metadata, "application/json"));
        app.MapGet("/v1/.well-known/keys", () => Results.Text(jwks, "application/json"));
        app.MapGet("/stats", () => Results.Text(Stats(), "application/json"));
        app.MapPost("/api/{method}", SlackAsync);
        app.MapMethods("/v3/conversations/{**rest}", ["POST", "PUT"], ConnectorAsync);
        Console.WriteLine($"stubs: slack http://127.0.0.1:{slackPort}/api/, connector {serviceUrl}, openid {metadataBase}openidconfiguration");
        await app.RunAsync();
        return 0;
    }

    private static async Task<IResult> SlackAsync(string method, HttpRequest request)
    {
        SlackCalls.AddOrUpdate(method, 1, (_, n) => n + 1);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        switch (method)
        {
            case "users.info":
                return Results.Text("""{"ok":true,"user":{"id":"U0BENCH","name":"bench","real_name":"Bench User","profile":{"display_name":"Bench User","real_name":"Bench User"}}}""", "application/json");
            case "chat.postMessage":
                var channel = SlackChannel().Match(body) is { Success: true } c ? c.Groups[1].Value : "?";
                if (Logged().Match(body) is { Success: true } g) SlackAnnounced.GetOrAdd(channel, _ => []).Add(int.Parse(g.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                var ts = Interlocked.Increment(ref _ts);
                return Results.Text($$"""{"ok":true,"channel":"{{channel}}","ts":"1700000000.{{ts:D6}}"}""", "application/json");
            default:
                return Results.Text("""{"ok":true}""", "application/json");
        }
    }

    private static async Task<IResult> ConnectorAsync(string rest, HttpRequest request)
    {
        var n = Interlocked.Increment(ref _connectorCalls);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        if (Logged().Match(body) is { Success: true } g)
        {
            var conversation = Uri.UnescapeDataString(rest.Split('/')[0]);
            var thread = conversation.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
            var channel = thread < 0 ? conversation : conversation[..thread];
            TeamsAnnounced.GetOrAdd(channel, _ => []).Add(int.Parse(g.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return Results.Text($$"""{"id":"stub-{{n}}"}""", "application/json");
    }

    private static string Stats()
    {
        static JsonObject Announced(ConcurrentDictionary<string, ConcurrentBag<int>> map)
        {
            var o = new JsonObject();
            foreach (var (channel, ids) in map) o[channel] = new JsonArray([.. ids.Order().Select(i => (JsonNode)i)]);
            return o;
        }
        var calls = new JsonObject();
        foreach (var (method, count) in SlackCalls) calls[method] = count;
        return new JsonObject
        {
            ["slack"] = new JsonObject { ["calls"] = calls, ["announced"] = Announced(SlackAnnounced) },
            ["connector"] = new JsonObject { ["calls"] = Interlocked.Read(ref _connectorCalls), ["announced"] = Announced(TeamsAnnounced) },
        }.ToJsonString();
    }

    /// <summary>A Connector token as the Bot Framework mints it (RS256, iss api.botframework.com, aud App ID, serviceurl claim).</summary>
    private static string Mint(SecurityKey key, string appId, string serviceUrl, TimeSpan lifetime)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = appId,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now + lifetime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A throw-away CA (written as PEM to <paramref name="caPath"/>) and a certificate for 127.0.0.1/localhost it signed.</summary>
    private static X509Certificate2 CreateServerCertificate(string caPath)
    {
        var now = TimeProvider.System.GetUtcNow();
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=RecoveryBot load bench CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllText(caPath, ca.ExportCertificatePem() + "\n");

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var leaf = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = leaf.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    [GeneratedRegex(@"G-(\d+) logged by")]
    private static partial Regex Logged();

    [GeneratedRegex("\"channel\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex SlackChannel();
}
