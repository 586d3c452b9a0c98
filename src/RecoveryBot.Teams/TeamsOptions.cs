using Microsoft.Extensions.Configuration;

namespace RecoveryBot.Teams;

public enum TeamsAuthentication { BotFramework, None }

/// <summary>The "Teams" configuration section (<c>Teams__AppId</c>, …).</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The bot's Microsoft App ID (Entra app registration). Empty for the local Agents Playground.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app registration's client secret; used for outbound Bot Connector tokens.</summary>
    public string AppPassword { get; set; } = "";

    /// <summary>Home tenant of a single-tenant bot; empty means the legacy multi-tenant authority (botframework.com).</summary>
    public string TenantId { get; set; } = "";

    /// <summary>
    /// <c>Teams__Authentication</c> as written: only the names <c>BotFramework</c> or <c>None</c> (any case). It is bound
    /// as text because the enum binder also takes numbers and flag lists ("1", "BotFramework,None").
    /// </summary>
    [ConfigurationKeyName("Authentication")]
    public string AuthenticationSetting { get; set; } = nameof(TeamsAuthentication.BotFramework);

    /// <value><see cref="TeamsAuthentication.BotFramework"/> unless the setting is exactly the name <c>None</c> (only
    /// allowed in Development); anything unreadable validates tokens (and stops the host at startup).</value>
    /// <remarks>Internal: the configuration binder converts every public property it can read, setter or not.</remarks>
    internal TeamsAuthentication Authentication => ParseAuthentication(AuthenticationSetting) ?? TeamsAuthentication.BotFramework;

    /// <summary>The name, any case, surrounding spaces ignored; numbers and lists are not names.</summary>
    public static TeamsAuthentication? ParseAuthentication(string? text) => text?.Trim() switch
    {
        null or "" => TeamsAuthentication.BotFramework,
        var t when t.Equals(nameof(TeamsAuthentication.BotFramework), StringComparison.OrdinalIgnoreCase) => TeamsAuthentication.BotFramework,
        var t when t.Equals(nameof(TeamsAuthentication.None), StringComparison.OrdinalIgnoreCase) => TeamsAuthentication.None,
        _ => null,
    };

    /// <value>The Bot Framework's public-cloud OpenID metadata document.</value>
    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <value>The issuer the Bot Connector puts in its tokens.</value>
    public string TokenIssuer { get; set; } = "https://api.botframework.com";

    /// <value>12 hours; Bot Framework asks for at least one refresh of the signing keys a day.</value>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <value>5 minutes: how often a token with an unknown key may force a refresh of the signing keys.</value>
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <value>
    /// Bearer tokens go only to https service URLs on exactly these hosts: Teams' public cloud and the government clouds
    /// Microsoft documents (GCC, GCC High, DoD; the Agents SDK's TeamsServiceEndpoints). No subdomains, no wildcards:
    /// anyone can register a name under trafficmanager.net.
    /// </value>
    public IList<string> TrustedServiceHosts { get; } =
        ["smba.trafficmanager.net", "smba.infra.gcc.teams.microsoft.com", "smba.infra.gov.teams.microsoft.us", "smba.infra.dod.teams.microsoft.us"];

    /// <value>256 KB; larger activities are refused with 413.</value>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>A turn still running after this is answered 200 and finishes afterwards (Teams gives up at 15 s).</summary>
    /// <value>12 seconds.</value>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "00:00:14")]
    public TimeSpan AnswerBudget { get; set; } = TimeSpan.FromSeconds(12);

    /// <value>~7 sends per second per conversation, Teams' per-thread limit.</value>
    public TimeSpan SendInterval { get; set; } = TimeSpan.FromMilliseconds(150);

    internal string Authority => string.IsNullOrWhiteSpace(TenantId)
        ? "https://login.microsoftonline.com/botframework.com"
        : $"https://login.microsoftonline.com/{TenantId.Trim()}";

    internal bool HasCredentials => !string.IsNullOrWhiteSpace(AppId);
}
