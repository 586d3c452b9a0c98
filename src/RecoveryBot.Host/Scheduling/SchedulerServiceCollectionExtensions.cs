using RecoveryBot.Storage.Scheduling;

namespace RecoveryBot.Host.Scheduling;

public static class SchedulerServiceCollectionExtensions
{
    /// <summary>
    /// The scheduler and outbox: section <c>Scheduler</c> (Enabled, PollInterval, …), the runner and the loop that
    /// ticks it. Posts go through every registered <c>IChannelPoster</c>; needs <c>AddTableStorage</c>.
    /// </summary>
    public static IServiceCollection AddScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTableScheduling(configuration);
        services.AddHostedService<SchedulerWorker>();
        return services;
    }
}
