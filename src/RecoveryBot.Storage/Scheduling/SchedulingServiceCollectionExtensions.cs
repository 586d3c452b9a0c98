using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Storage.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// The due-index as <see cref="IScheduleIndex"/>, so every committed turn wakes the scheduler. Called by
    /// <c>AddTableStorage</c>: hosts that do not run the scheduler still record the wake-ups.
    /// </summary>
    public static IServiceCollection AddScheduleIndex(this IServiceCollection services)
    {
        services.TryAddSingleton<TableScheduleIndex>();
        services.TryAddSingleton<IScheduleIndex>(sp => sp.GetRequiredService<TableScheduleIndex>());
        return services;
    }

    /// <summary>
    /// Binds section <c>Scheduler</c> and registers <see cref="SchedulerRunner"/>, which posts through every registered
    /// <see cref="IChannelPoster"/>. Needs <c>AddTableStorage</c>. Runs nothing by itself; the host's worker ticks it.
    /// </summary>
    public static IServiceCollection AddTableScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());
        services.AddScheduleIndex();
        services.TryAddSingleton(sp => SchedulerRunner.Create(
            sp.GetRequiredService<TableStorage>(),
            sp.GetRequiredService<IRecoveryStore>(),
            sp.GetServices<IChannelPoster>(),
            sp.GetRequiredService<IOptions<SchedulerOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<ISummaryLinks>(),
            sp.GetService<IPersonZones>()));
        services.TryAddSingleton<ISchedulerTick>(sp => sp.GetRequiredService<SchedulerRunner>());
        return services;
    }
}
