using Microsoft.Extensions.Logging;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Install;

/// <summary><c>app_uninstalled</c>, and <c>tokens_revoked</c> naming bot tokens: the workspace's installation is deleted.</summary>
internal static class Uninstall
{
    public static bool Applies(SlackEvent ev) =>
        ev.Type == "app_uninstalled" || (ev.Type == "tokens_revoked" && ev.Tokens?.Bot is { Count: > 0 });

    public static async Task RunAsync(SlackTokens tokens, EventEnvelope envelope, ILogger log, CancellationToken ct)
    {
        var team = envelope.TeamId ?? envelope.Event?.Team ?? "";
        var removed = await tokens.ForgetAsync(team, ct);
        log.LogInformation("Slack {Event} for workspace {Team}: installation {Outcome}", envelope.Event?.Type, team, removed ? "deleted" : "not found");
    }
}
