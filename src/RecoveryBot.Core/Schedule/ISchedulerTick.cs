namespace RecoveryBot.Core.Schedule;

/// <summary>One scheduler tick, as the host's loop sees it; <see cref="SchedulerRunner"/> is the real one.</summary>
public interface ISchedulerTick
{
    /// <summary>This scheduler's name on leases.</summary>
    string Owner { get; }

    Task<TickReport> RunOnceAsync(CancellationToken ct);
}
