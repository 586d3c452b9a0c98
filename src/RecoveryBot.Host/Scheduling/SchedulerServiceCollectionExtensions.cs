using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Schedule;
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
        services.AddSchedulerRunner(configuration);
        services.AddHostedService<SchedulerWorker>();
        return services;
    }

    /// <summary>
    /// Section <c>Scheduler</c> and Core's <see cref="SchedulerRunner"/> over the table ports, without the loop (the
    /// <c>due</c> verb ticks it once).
    /// </summary>
    internal static IServiceCollection AddSchedulerRunner(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());
        services.AddTableScheduling();
        services.TryAddSingleton<ISchedulerLog, SchedulerLogger>();
        services.TryAddSingleton(sp => new SchedulerRunner(
            sp.GetRequiredService<IDueIndex>(),
            sp.GetRequiredService<IOutbox>(),
            sp.GetRequiredService<IRecoveryStore>(),
            sp.GetServices<IChannelPoster>(),
            sp.GetRequiredService<IOptions<SchedulerOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IStoreFailures>(),
            sp.GetRequiredService<ISchedulerLog>(),
            sp.GetService<ISummaryLinks>(),
            sp.GetService<IPersonZones>()));
        services.TryAddSingleton<ISchedulerTick>(sp => sp.GetRequiredService<SchedulerRunner>());
        return services;
    }
}
