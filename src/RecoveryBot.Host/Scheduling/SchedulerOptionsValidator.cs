using Microsoft.Extensions.Options;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Settings;

namespace RecoveryBot.Host.Scheduling;

/// <summary>The "Scheduler" section's rules (ranges and the retention rule of <see cref="SchedulerOptions"/>), one line each.</summary>
public sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = SettingRules.Annotations(options, SchedulerOptions.Section).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
