using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Storage.Installations;
using RecoveryBot.Storage.Scheduling;

namespace RecoveryBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds section <c>Storage</c> and registers <see cref="TableServiceClient"/>, <see cref="TableStorage"/>,
    /// <see cref="IRecoveryStore"/> and the scheduler's due-index as singletons, plus a background service that creates the tables.
    /// Nothing here touches the network, so the host starts while storage is down.
    /// </summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => TableStorage.CreateServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<TableStorage>();
        services.TryAddSingleton<TableRecoveryStore>();
        // The host's turns see the table through the row memory that lets a gap report be one insert.
        services.TryAddSingleton<IRecoveryStore>(sp =>
            new RecentRecoveryRows(sp.GetRequiredService<TableRecoveryStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IDeliveryClaims, TableDeliveryClaims>();
        services.TryAddSingleton<TablePeopleIndex>();
        services.TryAddSingleton<IPeopleIndex>(sp => sp.GetRequiredService<TablePeopleIndex>());
        services.TryAddSingleton<IDirectAddresses>(sp => sp.GetRequiredService<TablePeopleIndex>());
        services.TryAddSingleton<IPersonZones>(sp => sp.GetRequiredService<TablePeopleIndex>());
        services.TryAddSingleton(sp => new PersonZones(sp.GetRequiredService<IPersonZones>(), sp.GetService<IPeopleIndex>(), sp.GetService<IScheduleIndex>()));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());
        services.TryAddSingleton<ITurnOutbox, TableTurnOutbox>();
        services.TryAddSingleton<PostHandover>();
        services.AddScheduleIndex();
        services.AddInstallations();
        services.AddHostedService<TableStorageInitializer>();
        return services;
    }
}
