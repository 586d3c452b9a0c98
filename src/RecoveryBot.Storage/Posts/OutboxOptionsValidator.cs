using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;

namespace RecoveryBot.Storage;

/// <summary>
/// The "Outbound" section's rules, one line per mistake. A heartbeat must be renewed well within its lease, or a live
/// host's posts would be adopted (and sent twice) while it still sends them.
/// </summary>
public sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.SweepEvery < TimeSpan.FromMilliseconds(100) || options.SweepEvery > TimeSpan.FromMinutes(5))
            errors.Add("Outbound__SweepEvery must be between 00:00:00.1 and 00:05:00.");
        if (options.HostLease < 2 * options.SweepEvery || options.HostLease > TimeSpan.FromMinutes(30))
            errors.Add("Outbound__HostLease must be at least twice Outbound__SweepEvery and at most 00:30:00.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
