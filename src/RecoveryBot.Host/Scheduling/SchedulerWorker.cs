using Microsoft.Extensions.Options;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Host.Scheduling;

/// <summary>The scheduler loop: one tick per poll interval. A failed tick is logged and the next one tries again.</summary>
internal sealed class SchedulerWorker(
    ISchedulerTick runner, IOptions<SchedulerOptions> options, TimeProvider time, ILogger<SchedulerWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            log.LogInformation("Scheduler is off in this host (Scheduler:Enabled=false); wake-ups are still recorded");
            return;
        }
        log.LogInformation("Scheduler {Owner} ticks every {Interval}", runner.Owner, settings.PollInterval);
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await runner.RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    log.LogError(ex, "Scheduler tick failed; retrying on the next tick");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
