using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RecoveryBot.Teams;

/// <summary>
/// The "Teams" section's rules (registered with ValidateOnStart); the host refuses to start, exit code 2, with one
/// line per mistake. No secret is ever part of a message.
/// </summary>
public sealed class TeamsConfiguration(IHostEnvironment? environment = null) : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Find(options, environment?.EnvironmentName ?? Environments.Production);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Find(TeamsOptions options, string environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var appId = options.AppId;
        var tenant = options.TenantId;

        if (!string.IsNullOrWhiteSpace(appId) && string.IsNullOrWhiteSpace(options.AppPassword))
            errors.Add("Teams__AppId is set but Teams__AppPassword is empty.");
        if (string.IsNullOrWhiteSpace(appId) && !string.IsNullOrWhiteSpace(options.AppPassword))
            errors.Add("Teams__AppPassword is set but Teams__AppId is empty.");
        if (!string.IsNullOrWhiteSpace(appId) && !Guid.TryParse(appId, out _))
            errors.Add("Teams__AppId must be the bot's Microsoft App ID (a GUID).");
        if (!string.IsNullOrWhiteSpace(tenant) && !Guid.TryParse(tenant, out _))
            errors.Add("Teams__TenantId must be the bot's home tenant id (a GUID), or empty for a multi-tenant bot.");

        var auth = TeamsOptions.ParseAuthentication(options.AuthenticationSetting);
        if (auth is null)
            errors.Add($"Teams__Authentication must be BotFramework or None (was \"{Shown(options.AuthenticationSetting)}\").");
        else if (auth == TeamsAuthentication.None && !string.Equals(environment, Environments.Development, StringComparison.OrdinalIgnoreCase))
            errors.Add($"Teams__Authentication=None is refused in {environment}: it accepts unauthenticated activities. Use it only with a local emulator in Development.");

        if (options.OpenIdMetadataUrl is not { IsAbsoluteUri: true } metadata || metadata.Scheme != Uri.UriSchemeHttps)
            errors.Add("Teams__OpenIdMetadataUrl must be an absolute https URL.");
        errors.AddRange(Core.Settings.SettingRules.Annotations(options, TeamsOptions.Section));
        return errors;
    }

    // The value is not a secret, but it is cut short and kept to one line.
    private static string Shown(string text) => (text.Length > 40 ? text[..40] + "…" : text).ReplaceLineEndings(" ");
}
