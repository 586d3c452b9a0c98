using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace RecoveryBot.Teams;

/// <summary>Startup checks of the "Teams" section; the host refuses to start when any message comes back.</summary>
public static class TeamsConfiguration
{
    public static IReadOnlyList<string> Validate(IConfiguration configuration, IHostEnvironment environment) =>
        Validate(configuration, environment.IsProduction());

    public static IReadOnlyList<string> Validate(IConfiguration configuration, bool isProduction)
    {
        var section = configuration.GetSection(TeamsOptions.Section);
        var errors = new List<string>();
        var appId = section["AppId"];
        var password = section["AppPassword"];
        var tenant = section["TenantId"];
        var auth = section["Authentication"];

        if (!string.IsNullOrWhiteSpace(appId) && string.IsNullOrWhiteSpace(password))
            errors.Add("Teams__AppId is set but Teams__AppPassword is empty.");
        if (string.IsNullOrWhiteSpace(appId) && !string.IsNullOrWhiteSpace(password))
            errors.Add("Teams__AppPassword is set but Teams__AppId is empty.");
        if (!string.IsNullOrWhiteSpace(appId) && !Guid.TryParse(appId, out _))
            errors.Add("Teams__AppId must be the bot's Microsoft App ID (a GUID).");
        if (!string.IsNullOrWhiteSpace(tenant) && !Guid.TryParse(tenant, out _))
            errors.Add("Teams__TenantId must be the bot's home tenant id (a GUID), or empty for a multi-tenant bot.");

        if (!string.IsNullOrWhiteSpace(auth) && !Enum.TryParse<TeamsAuthentication>(auth, ignoreCase: true, out _))
            errors.Add($"Teams__Authentication must be BotFramework or None (was \"{auth}\").");
        else if (string.Equals(auth?.Trim(), nameof(TeamsAuthentication.None), StringComparison.OrdinalIgnoreCase) && isProduction)
            errors.Add("Teams__Authentication=None is refused in Production: it accepts unauthenticated activities. Use it only with a local emulator.");

        var metadata = section["OpenIdMetadataUrl"];
        if (!string.IsNullOrWhiteSpace(metadata) && (!Uri.TryCreate(metadata, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
            errors.Add("Teams__OpenIdMetadataUrl must be an absolute https URL.");
        return errors;
    }
}
