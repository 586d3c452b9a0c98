using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.Settings;

namespace RecoveryBot.Storage;

/// <summary>The "Storage" section's rules, one line per mistake; the connection string (a secret) is never quoted.</summary>
public sealed class StorageOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = SettingRules.Annotations(options, StorageOptions.Section).ToList();
        if (!string.IsNullOrWhiteSpace(options.ConnectionString) && !IsConnectionString(options.ConnectionString))
            errors.Add("Storage__ConnectionString is not a valid Azure Table Storage connection string.");
        else if (environment?.IsProduction() == true && options.ConnectionString.Contains("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase))
            errors.Add("Storage__ConnectionString points at the local emulator (UseDevelopmentStorage=true) in Production.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // Parsing only; the client makes no request until it is used.
    private static bool IsConnectionString(string value)
    {
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
