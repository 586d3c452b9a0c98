using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;

namespace RecoveryBot.Slack.Install;

/// <summary>
/// The bot token for a workspace. With OAuth (<see cref="SlackOptions.ClientId"/>) only that workspace's stored
/// installation counts, and a workspace without one has no token: another workspace's token is never used.
/// Without OAuth, <see cref="SlackOptions.BotToken"/> is the one workspace's token. Answers are kept
/// <see cref="CacheTime"/> per host; installs and uninstalls through this host take effect at once.
/// </summary>
internal sealed class SlackTokens(IOptions<SlackOptions> options, IServiceProvider services, TimeProvider time)
{
    public const string Platform = "slack";
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Installation? Found, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public IInstallationStore Store => services.GetService<IInstallationStore>()
        ?? throw new InvalidOperationException("Slack__ClientId is set but no installation store is registered.");

    /// <summary>The token for <paramref name="team"/>, or null when that workspace has not installed the app.</summary>
    public async ValueTask<string?> ForTeamAsync(string team, CancellationToken ct) => (await FindAsync(team, ct))?.BotToken;

    public async ValueTask<Installation?> FindAsync(string team, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.OAuthEnabled)
        {
            return string.IsNullOrEmpty(o.BotToken) ? null : new Installation(Platform, team, null, "", o.BotToken, "", "", DateTimeOffset.MinValue);
        }
        if (string.IsNullOrEmpty(team) || !team.All(char.IsAsciiLetterOrDigit)) return null;
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(team, out var hit) && hit.Until > now) return hit.Found;
        var found = await Store.FindAsync(Platform, team, ct);
        if (_cache.Count > 10_000) _cache.Clear();
        _cache[team] = (found, now + CacheTime);
        return found;
    }

    public async Task SaveAsync(Installation installation, CancellationToken ct)
    {
        await Store.SaveAsync(installation, ct);
        _cache[installation.Tenant] = (installation, time.GetUtcNow() + CacheTime);
    }

    /// <summary>app_uninstalled / tokens_revoked: the workspace's installation goes; false when there was none.</summary>
    public async Task<bool> ForgetAsync(string team, CancellationToken ct)
    {
        if (!options.Value.OAuthEnabled || string.IsNullOrEmpty(team) || !team.All(char.IsAsciiLetterOrDigit)) return false;
        _cache[team] = (null, time.GetUtcNow() + CacheTime);
        return await Store.DeleteAsync(Platform, team, ct);
    }
}
