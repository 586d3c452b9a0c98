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
        static string? Get(string? v) => string.IsNullOrWhiteSpace(v) ? null : v;
        // One workspace (bot token) or many (OAuth client), reached over HTTP (signing secret) or Socket Mode (app token).
        var (secret, bot, id, clientSecret, app) = (Get(options.SigningSecret), Get(options.BotToken), Get(options.ClientId), Get(options.ClientSecret), Get(options.AppToken));
        if (secret is not null && bot is null && id is null) yield return "Slack__SigningSecret is set but Slack__BotToken is empty.";
        if (bot is not null && secret is null && app is null)
            yield return "Slack__BotToken is set but Slack__SigningSecret is empty; Slack requests could not be verified.";
        if (bot is not null && !bot.StartsWith("xoxb-", StringComparison.Ordinal))
            yield return "Slack__BotToken must be a bot token (it starts with xoxb-).";
        if (id is not null && clientSecret is null) yield return "Slack__ClientId is set but Slack__ClientSecret is empty.";
        if (clientSecret is not null && id is null) yield return "Slack__ClientSecret is set but Slack__ClientId is empty.";
        if (id is not null && bot is not null)
            yield return "Slack__BotToken and Slack__ClientId are both set: use Slack__BotToken for one workspace or Slack__ClientId for installs, not both.";
        if (id is not null && secret is null && app is null)
            yield return "Slack__ClientId is set but neither Slack__SigningSecret (HTTP) nor Slack__AppToken (Socket Mode) is; Slack could not reach the bot.";
        if (app is not null && !app.StartsWith("xapp-", StringComparison.Ordinal))
            yield return "Slack__AppToken must be an app-level token (it starts with xapp-).";
        if (app is not null && bot is null && id is null)
            yield return "Slack__AppToken is set but there is no bot token: set Slack__BotToken (one workspace) or Slack__ClientId and Slack__ClientSecret (installs).";
        if (Get(options.RedirectUrl) is { } redirect && !SettingRules.IsHttpUrl(redirect))
            yield return "Slack__RedirectUrl must be an absolute http(s) URL ending in /slack/oauth_redirect.";
        if (options.ApiBaseUrl is not { IsAbsoluteUri: true } api || !SettingRules.IsHttpUrl(api.OriginalString))
            yield return "Slack__ApiBaseUrl must be an absolute http(s) URL.";
        if (options.ChannelPacing < TimeSpan.Zero || options.ChannelPacing > TimeSpan.FromMinutes(1))
            yield return "Slack__ChannelPacing must be between 00:00:00 and 00:01:00.";
        if (options.UserNameCacheTime < TimeSpan.Zero)
            yield return "Slack__UserNameCacheTime must not be negative.";
        foreach (var line in SettingRules.Annotations(options, SlackOptions.Section)) yield return line;
    }
}
