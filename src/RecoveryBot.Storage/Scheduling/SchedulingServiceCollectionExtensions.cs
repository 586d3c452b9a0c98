using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// The scheduler's ports on Table Storage: <see cref="IDueIndex"/>, <see cref="IOutbox"/> and
    /// <see cref="IStoreFailures"/>. Needs <c>AddTableStorage</c>; the host composes the workflow over them.
    /// </summary>
    public static IServiceCollection AddTableScheduling(this IServiceCollection services)
    {
        services.AddScheduleIndex();
        services.TryAddSingleton<IDueIndex>(sp => sp.GetRequiredService<TableScheduleIndex>());
        services.TryAddSingleton<TableOutbox>();
        services.TryAddSingleton<IOutbox>(sp => sp.GetRequiredService<TableOutbox>());
        services.TryAddSingleton<IStoreFailures, TableStoreFailures>();
        return services;
    }
}
