using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;

namespace RecoveryBot.Storage.Installations;

internal static class InstallationsServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Data Protection with its key ring in this storage account (one application name, so every
    /// instance shares the keys), and the installation store that encrypts tokens with it.
    /// </summary>
    public static IServiceCollection AddInstallations(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("RecoveryBot");
        services.AddSingleton<TableXmlRepository>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = sp.GetRequiredService<TableXmlRepository>()));
        services.TryAddSingleton<IInstallationStore, TableInstallationStore>();
        return services;
    }
}
