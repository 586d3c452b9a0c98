using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Bot;

namespace RecoveryBot.Teams;

/// <summary>
/// Proactive posts (scheduler, outbox) to a Teams conversation kept as a recovery's <c>Address</c>.
/// A refused send throws <see cref="Connector.ConnectorException"/>; check <c>IsPermanent</c> before retrying.
/// </summary>
public sealed class TeamsPoster
{
    private readonly ReplySender _sender;

    internal TeamsPoster(ReplySender sender) => _sender = sender;

    /// <summary>True when <paramref name="address"/> is a Teams conversation reference this poster can use.</summary>
    public static bool CanPost(string? address) => ConversationAddress.TryParse(address, out _);

    /// <summary>
    /// Posts the personal version of <paramref name="direct"/> to the person's 1:1 chat, opened through the channel's
    /// Connector; returns the new messages' ids. Throws <see cref="Connector.ConnectorException"/> (403, 404: the bot
    /// cannot write to them) so the caller can post the channel version instead.
    /// </summary>
    public Task<IReadOnlyList<string>> PostDirectAsync(string address, Reply.Direct direct, CancellationToken ct)
    {
        if (!ConversationAddress.TryParse(address, out var to))
            throw new ArgumentException("Not a Teams conversation address.", nameof(address));
        return _sender.SendDirectAsync(Destination.Proactive(to), direct, ct);
    }

    /// <summary>Posts the replies in order; returns the new messages' ids.</summary>
    public Task<IReadOnlyList<string>> PostAsync(string address, IReadOnlyList<Reply> replies, CancellationToken ct)
    {
        if (!ConversationAddress.TryParse(address, out var to))
            throw new ArgumentException("Not a Teams conversation address.", nameof(address));
        return _sender.SendAsync(Destination.Proactive(to), replies, throwOnFailure: true, ct);
    }
}
