using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace RecoveryBot.Slack.Install;

internal enum StateCheck
{
    Valid,
    Forged,
    Expired,
    Reused,
}

/// <summary>
/// The OAuth <c>state</c> of an install link: a random nonce and its expiry, encrypted and authenticated with Data
/// Protection (so every instance sharing the key ring can check it), valid for <see cref="SlackOptions.StateLifetime"/>
/// and single-use (the nonce is claimed in storage the first time it comes back).
/// </summary>
internal sealed class OAuthStates(IDataProtectionProvider protection, Func<string, DateTimeOffset, CancellationToken, Task<bool>> claimOnce,
    IOptions<SlackOptions> options, TimeProvider time)
{
    public const string Purpose = "RecoveryBot.Slack.OAuthState.v1";
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public OAuthStates(IDataProtectionProvider protection, SlackTokens tokens, IOptions<SlackOptions> options, TimeProvider time)
        : this(protection, (nonce, expires, ct) => tokens.Store.ClaimOnceAsync("oauthstate", nonce, expires, ct), options, time)
    {
    }

    public string Issue()
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var expires = (time.GetUtcNow() + options.Value.StateLifetime).ToUnixTimeMilliseconds();
        return _protector.Protect(nonce + "." + expires.ToString(CultureInfo.InvariantCulture));
    }

    public async Task<StateCheck> CheckAsync(string? state, CancellationToken ct)
    {
        string plain;
        try
        {
            plain = _protector.Unprotect(state ?? "");
        }
        catch (CryptographicException)
        {
            return StateCheck.Forged;
        }
        var dot = plain.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(plain.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)) return StateCheck.Forged;
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        if (time.GetUtcNow() >= expires) return StateCheck.Expired;
        return await claimOnce(plain[..dot], expires, ct) ? StateCheck.Valid : StateCheck.Reused;
    }
}
