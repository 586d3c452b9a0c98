namespace RecoveryBot.Core.App;

/// <summary>
/// The app installed into one workspace: for Slack the team (or, for an org-wide install, the enterprise) with the
/// bot token every Web API call for that workspace uses.
/// </summary>
public sealed record Installation(string Platform, string Tenant, string? Enterprise, string BotUserId, string BotToken,
    string Scopes, string InstalledBy, DateTimeOffset InstalledAt)
{
    // A record prints every property; the token must never reach a log line through ToString.
    public override string ToString() => $"Installation {{ {Platform}/{Tenant}, enterprise {Enterprise ?? "-"}, bot {BotUserId}, by {InstalledBy} }}";
}

/// <summary>Installations per workspace (tokens encrypted at rest by the implementation), and one-time values.</summary>
public interface IInstallationStore
{
    Task<Installation?> FindAsync(string platform, string tenant, CancellationToken ct);

    /// <summary>Adds or replaces the workspace's installation (a reinstall gets a new token).</summary>
    Task SaveAsync(Installation installation, CancellationToken ct);

    /// <summary>Removes the installation; false when there was none.</summary>
    Task<bool> DeleteAsync(string platform, string tenant, CancellationToken ct);

    /// <summary>True the first time <paramref name="value"/> is claimed for <paramref name="purpose"/>, false ever after.</summary>
    Task<bool> ClaimOnceAsync(string purpose, string value, DateTimeOffset expires, CancellationToken ct);
}
