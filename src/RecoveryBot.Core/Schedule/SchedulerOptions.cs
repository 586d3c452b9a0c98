using System.ComponentModel.DataAnnotations;

namespace RecoveryBot.Core.Schedule;

/// <summary>Configuration section <c>Scheduler</c>.</summary>
public sealed class SchedulerOptions : IValidatableObject
{
    public const string Section = "Scheduler";

    /// <summary>Run the scheduler loop in this host. Wake-ups are recorded either way, so another host can run it.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between two ticks.</summary>
    /// <value>Defaults to 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claim on a due recovery or an outbox row holds before another host may take the work over.</summary>
    /// <value>Defaults to 2 minutes; keep it well above the longest post (HTTP timeouts included).</value>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How far back a host that was down catches up; older occurrences are not posted any more.</summary>
    /// <value>Defaults to 7 days.</value>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan CatchUpLimit { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A post that goes out more than this after its time is marked late.</summary>
    /// <value>Defaults to 15 minutes.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>At most this many due recoveries are handled per tick; the rest wait for the next one.</summary>
    /// <value>Defaults to 500.</value>
    [Range(1, 100_000)]
    public int MaxRecoveriesPerTick { get; set; } = 500;

    /// <summary>Due recoveries handled at once within a tick.</summary>
    /// <value>Defaults to 8.</value>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 8;

    /// <summary>A post still refused (RetryLater) after this many attempts is marked failed.</summary>
    /// <value>Defaults to 20.</value>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Pause after a poster threw (a bug or an unexpected network failure) before the post is tried again.</summary>
    /// <value>Defaults to 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ErrorRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Sent, failed and expired outbox rows are deleted once their occurrence was due this long ago (each recovery is
    /// swept at most once a day, while the scheduler handles it). At least <see cref="CatchUpLimit"/> plus
    /// <see cref="SchedulePlanner.KeyDrift"/> (7 days): a row may only go once its occurrence can never be planned again.
    /// </summary>
    /// <value>Defaults to 14 days.</value>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>This host's name on leases; unique per process. Empty picks machine name, process id and a random part.</summary>
    public string? InstanceId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OutboxRetention < CatchUpLimit + SchedulePlanner.KeyDrift)
        {
            yield return new ValidationResult(
                $"Scheduler__OutboxRetention ({OutboxRetention:c}) must be at least Scheduler__CatchUpLimit ({CatchUpLimit:c}) plus " +
                $"{SchedulePlanner.KeyDrift.TotalDays:0} days, or a post whose outbox row was deleted could be posted again.",
                [nameof(OutboxRetention)]);
        }
    }

    /// <summary>This host's name on leases: <see cref="InstanceId"/>, else one made up for the process.</summary>
    public string Owner => string.IsNullOrWhiteSpace(InstanceId) ? DefaultOwner : InstanceId;

    private static readonly string DefaultOwner =
        $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";
}
