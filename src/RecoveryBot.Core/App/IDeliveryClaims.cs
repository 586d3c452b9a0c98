namespace RecoveryBot.Core.App;

/// <summary>
/// Makes a redelivered request (a Slack event retried, possibly to another host) run once: the first caller claims
/// its id and runs it; a repeat while it runs or within <see cref="Keep"/> after it finished is only acknowledged.
/// A failed run is released, so the platform's next retry runs it again.
/// </summary>
public interface IDeliveryClaims
{
    /// <summary>How long a finished id is remembered (at least an hour: Slack retries within minutes).</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromHours(1);

    /// <summary>How long a running claim holds before a retry may take it over (its host died mid-run).</summary>
    public static readonly TimeSpan RunningLease = TimeSpan.FromSeconds(45);

    /// <summary>True when this caller runs <paramref name="id"/>; false for a repeat. Throws <see cref="StoreUnavailableException"/>.</summary>
    Task<bool> TryClaimAsync(string scope, string id, CancellationToken ct);

    /// <summary>The run finished: repeats within <see cref="Keep"/> are only acknowledged.</summary>
    Task CompleteAsync(string scope, string id, CancellationToken ct);

    /// <summary>The run failed: the next retry runs it.</summary>
    Task ReleaseAsync(string scope, string id, CancellationToken ct);
}
