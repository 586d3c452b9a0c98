using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RecoveryBot.Teams.Activities;

namespace RecoveryBot.Teams.Auth;

/// <summary>
/// An authentication verdict: 200 to go on, 401 for a missing or invalid token, 403 for a valid token not endorsed
/// for Teams, 503 while the signing keys cannot be fetched.
/// </summary>
internal sealed record AuthResult(int Status, string Reason, BotCaller? Caller = null)
{
    public bool Ok => Status == 200;

    public static AuthResult Unauthorized(string reason) => new(401, reason);
}

/// <summary>A validated Connector token, kept until the activity is read, then checked against it.</summary>
internal sealed record BotCaller(string? ServiceUrl, IReadOnlyList<string>? Endorsements);

/// <summary>
/// Bot Framework "Connector to Bot" token validation (protocols.md B): issuer, audience = App ID, lifetime with
/// 5 minutes' skew, RS256 signature by a published key, then the <c>serviceurl</c> claim and the key's endorsements.
/// </summary>
internal sealed class BotAuthenticator(SigningKeys keys, TeamsOptions options, TimeProvider time)
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
    private const int MaxValidated = 1_000;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    // Tokens already validated, by their exact text. The Connector sends one token with many activities, and an
    // identical string carries the identical signature, issuer, audience and lifetime; so a hit re-checks only what
    // can change — the lifetime against the clock, and that the signing key is still published — and skips parsing
    // and the RSA check. Any other string, however similar, is validated in full.
    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);

    private sealed record Validated(string Kid, string? ServiceUrl, DateTime? NotBefore, DateTime Expires);

    /// <summary>Full validations run (signature checked); a cache hit does not count. For tests and diagnostics.</summary>
    internal int FullValidations => Volatile.Read(ref _fullValidations);
    private int _fullValidations;

    /// <summary>Step 1, before the body is read: the header and the token itself.</summary>
    public async Task<AuthResult> AuthenticateAsync(string? authorization, CancellationToken ct)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthResult.Unauthorized("no bearer token");
        var token = authorization["Bearer ".Length..].Trim();
        if (token.Length == 0 || token.Length > 16_384 || !_handler.CanReadToken(token)) return AuthResult.Unauthorized("unreadable token");
        if (!options.HasCredentials) return AuthResult.Unauthorized("Teams__AppId is not configured");

        BotMetadata metadata;
        try
        {
            metadata = await keys.GetAsync(ct);
        }
        catch (InvalidOperationException)
        {
            // No keys were ever fetched (IdentityModel keeps serving the last good ones otherwise): say so, accept nothing.
            return new AuthResult(503, "Bot Framework signing keys are unavailable");
        }
        if (_validated.TryGetValue(token, out var known) && metadata.HasKey(known.Kid) && Within(known.NotBefore, known.Expires))
        {
            return Accepted(metadata, known.Kid, known.ServiceUrl);
        }
        Interlocked.Increment(ref _fullValidations);
        var result = await _handler.ValidateTokenAsync(token, Parameters(metadata));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            var kid = (result.SecurityToken as JsonWebToken)?.Kid ?? _handler.ReadJsonWebToken(token).Kid;
            if (await keys.RefreshForAsync(kid, ct) is { } refreshed)
            {
                metadata = refreshed;
                result = await _handler.ValidateTokenAsync(token, Parameters(metadata));
            }
        }
        if (!result.IsValid) return AuthResult.Unauthorized(result.Exception?.GetType().Name ?? "invalid token");

        var jwt = (JsonWebToken)result.SecurityToken;
        var serviceUrl = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        if (jwt.Kid is { } signer)
        {
            if (_validated.Count >= MaxValidated) _validated.Clear();
            _validated[token] = new Validated(signer, serviceUrl, jwt.ValidFrom == DateTime.MinValue ? null : jwt.ValidFrom, jwt.ValidTo);
        }
        return Accepted(metadata, jwt.Kid, serviceUrl);
    }

    private static AuthResult Accepted(BotMetadata metadata, string? kid, string? serviceUrl)
    {
        var endorsements = kid is not null && metadata.Endorsements.TryGetValue(kid, out var list) ? list : null;
        return new AuthResult(200, "valid token", new BotCaller(serviceUrl, endorsements));
    }

    /// <summary>Step 2, once the activity is read: its serviceUrl must be the token's, its channel endorsed for the key.</summary>
    public static AuthResult Authorize(BotCaller caller, Activity activity)
    {
        if (caller.ServiceUrl is null) return AuthResult.Unauthorized("token has no serviceurl claim");
        if (!string.Equals(caller.ServiceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return AuthResult.Unauthorized("serviceurl claim does not match the activity");
        var channel = string.IsNullOrEmpty(activity.ChannelId) ? "msteams" : activity.ChannelId;
        if (caller.Endorsements is { } endorsed && !endorsed.Contains(channel, StringComparer.OrdinalIgnoreCase))
            return new AuthResult(403, $"signing key not endorsed for {channel}");
        return new AuthResult(200, "authorized", caller);
    }

    private TokenValidationParameters Parameters(BotMetadata metadata) => new()
    {
        ValidIssuer = options.TokenIssuer,
        ValidAudience = options.AppId,
        IssuerSigningKeys = metadata.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = Skew,
        ValidateLifetime = true,
        // Lifetime against the injected clock, so it is testable and never reads the wall clock directly.
        LifetimeValidator = ValidLifetime,
        ValidateIssuerSigningKey = false,
    };

    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters p) =>
        Within(notBefore, expires);

    private bool Within(DateTime? notBefore, DateTime? expires)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is not { } exp || now > exp.ToUniversalTime() + Skew) return false;
        return notBefore is not { } nbf || now + Skew >= nbf.ToUniversalTime();
    }
}
