using RecoveryBot.Core.Views;
using RecoveryBot.Slack.Api;
using RecoveryBot.Slack.BlockKit;

namespace RecoveryBot.Slack;

/// <summary>
/// Posts for the host's scheduler and outbox (check-ins, reminders, nudges): sent at once, not queued, so the
/// caller's durable outbox decides about retries. Each post carries the token of the workspace (<c>team</c>) it is
/// for; one without an installation fails with <see cref="SlackApiException.NotInstalled"/>. Failures throw <see cref="SlackApiException"/>.
/// </summary>
public sealed class SlackPoster
{
    private readonly SlackApiClient _api;

    // Not a primary constructor: the public type takes an internal dependency.
    internal SlackPoster(SlackApiClient api) => _api = api;

    /// <summary>Posts a card to a channel; returns the message id ("&lt;channel&gt;|&lt;ts&gt;") for RememberCardAsync.</summary>
    public async Task<string> PostCardAsync(string team, string channel, CardDoc card, CancellationToken ct) =>
        Turns.MessageRef.Format(channel, await _api.PostMessageAsync(team, channel, CardRenderer.Render(card), ct));

    public async Task<string> PostTextAsync(string team, string channel, string text, CancellationToken ct) =>
        Turns.MessageRef.Format(channel, await _api.PostMessageAsync(team, channel, CardRenderer.Text(text), ct));

    /// <summary>Opens the direct message with a user (for reminders sent to one person); returns its channel id.</summary>
    public Task<string> OpenDirectMessageAsync(string team, string user, CancellationToken ct) => _api.OpenConversationAsync(team, user, ct);
}
