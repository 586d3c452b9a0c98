using Microsoft.Extensions.Options;
using RecoveryBot.Core.Settings;

namespace RecoveryBot.Slack;

/// <summary>The "Slack" section's rules, one line per mistake; secrets never appear in a message.</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Find(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IEnumerable<string> Find(SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = !string.IsNullOrWhiteSpace(options.SigningSecret);
        var token = !string.IsNullOrWhiteSpace(options.BotToken);
        if (secret && !token)
            yield return "Slack__SigningSecret is set but Slack__BotToken is empty.";
        if (token && !secret)
            yield return "Slack__BotToken is set but Slack__SigningSecret is empty; Slack requests could not be verified.";
        if (token && !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
            yield return "Slack__BotToken must be a bot token (it starts with xoxb-).";
        if (options.ApiBaseUrl is not { IsAbsoluteUri: true } api || !SettingRules.IsHttpUrl(api.OriginalString))
            yield return "Slack__ApiBaseUrl must be an absolute http(s) URL.";
        if (options.ChannelPacing < TimeSpan.Zero || options.ChannelPacing > TimeSpan.FromMinutes(1))
            yield return "Slack__ChannelPacing must be between 00:00:00 and 00:01:00.";
        if (options.UserNameCacheTime < TimeSpan.Zero)
            yield return "Slack__UserNameCacheTime must not be negative.";
        foreach (var line in SettingRules.Annotations(options, SlackOptions.Section)) yield return line;
    }
}
