using Microsoft.Extensions.Options;
using RecoveryBot.Core.Settings;

namespace RecoveryBot.Host.Web;

/// <summary>The "Web" section's rules, one line per mistake. In Production links must be https on a public name and signed with a set key.</summary>
public sealed class WebOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Find(options, environment?.IsProduction() ?? true).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IEnumerable<string> Find(WebOptions options, bool production)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SettingRules.IsHttpUrl(options.PublicBaseUrl))
            yield return "Web__PublicBaseUrl must be an absolute http(s) URL, e.g. https://recoverybot.example.com.";
        else if (production && new Uri(options.PublicBaseUrl) is var url && (url.Scheme != Uri.UriSchemeHttps || SettingRules.IsLoopback(url)))
            yield return "Web__PublicBaseUrl must be a public https URL in Production (was " + url.GetLeftPart(UriPartial.Authority) + "): summary links carry their signature.";

        if (!string.IsNullOrWhiteSpace(options.LinkKey) && !IsKey(options.LinkKey))
            yield return "Web__LinkKey must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).";
        else if (production && string.IsNullOrWhiteSpace(options.LinkKey))
            yield return "Web__LinkKey must be set in Production (base64 of at least 32 random bytes, e.g. `openssl rand -base64 32`).";

        if (options.LinkLifetime <= TimeSpan.Zero)
            yield return "Web__LinkLifetime must be a positive duration, e.g. 30.00:00:00.";
    }

    private static bool IsKey(string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        return Convert.TryFromBase64String(text, buffer, out var written) && written >= 32;
    }
}
