using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
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
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => IsConnectionString(o.ConnectionString),
                "Storage:ConnectionString is not a valid Azure Table Storage connection string.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => TableStorage.CreateServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<TableStorage>();
        services.TryAddSingleton<IRecoveryStore, TableRecoveryStore>();
        services.AddScheduleIndex();
        services.AddInstallations();
        services.AddHostedService<TableStorageInitializer>();
        return services;
    }

    // Parsing only; the client makes no request until it is used.
    private static bool IsConnectionString(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        try
        {
            _ = new TableServiceClient(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
