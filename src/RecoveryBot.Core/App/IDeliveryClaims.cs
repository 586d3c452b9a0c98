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

    /// <summary>
    /// As <see cref="TryClaimAsync"/>, telling a repeat of a finished run from one that is still running elsewhere
    /// (whose caller should not be told it is done: its host may have died, and a later retry takes the claim over).
    /// </summary>
    async Task<ClaimOutcome> ClaimAsync(string scope, string id, CancellationToken ct) =>
        await TryClaimAsync(scope, id, ct) ? ClaimOutcome.Claimed : ClaimOutcome.Finished;

    /// <summary>The run finished: repeats within <see cref="Keep"/> are only acknowledged.</summary>
    Task CompleteAsync(string scope, string id, CancellationToken ct);

    /// <summary>The run failed: the next retry runs it.</summary>
    Task ReleaseAsync(string scope, string id, CancellationToken ct);
}

public enum ClaimOutcome
{
    /// <summary>This caller runs it.</summary>
    Claimed,

    /// <summary>This caller runs it, taking over a run whose lease ended: that run's host stopped, and part of it may have landed.</summary>
    Reclaimed,

    /// <summary>It ran to the end before: only acknowledge.</summary>
    Finished,

    /// <summary>Another caller runs it now (or did, on a host that stopped, until its lease ends).</summary>
    Running,
}
