using Microsoft.IdentityModel.Protocols;

namespace RecoveryBot.Teams.Auth;

/// <summary>
/// The Bot Framework signing keys, kept fresh by a <see cref="ConfigurationManager{T}"/> (automatic refresh ≤ 24 h).
/// A token signed by a key we do not know yet asks for an early refresh and waits briefly for it, but at most
/// once per <see cref="TeamsOptions.UnknownKeyRefreshInterval"/>, so forged key ids cannot hold requests or hammer the endpoint.
/// </summary>
internal sealed class SigningKeys(IConfigurationManager<BotMetadata> manager, TeamsOptions options, TimeProvider time)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private int _refreshing;
    private DateTimeOffset _lastForced = DateTimeOffset.MinValue;

    public Task<BotMetadata> GetAsync(CancellationToken ct) => manager.GetConfigurationAsync(ct);

    /// <summary>The refreshed metadata when it now has <paramref name="kid"/>; null when it does not (or a refresh ran lately).</summary>
    public async Task<BotMetadata?> RefreshForAsync(string? kid, CancellationToken ct)
    {
        if (kid is null || Interlocked.Exchange(ref _refreshing, 1) == 1) return null;
        try
        {
            var now = time.GetUtcNow();
            if (now - _lastForced < options.UnknownKeyRefreshInterval) return null;
            _lastForced = now;
            manager.RequestRefresh();
            // IdentityModel 8 refreshes in the background after RequestRefresh; wait a little for it to land.
            for (var waited = TimeSpan.Zero; waited < Wait; waited += Poll)
            {
                var metadata = await manager.GetConfigurationAsync(ct);
                if (metadata.HasKey(kid)) return metadata;
                await Task.Delay(Poll, ct);
            }
            return null;
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }
}
