using System.Collections.Frozen;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.BlockKit;

namespace RecoveryBot.Slack.Endpoints;

/// <summary>
/// The HTTP answers to <c>/recovery help</c> and <c>help &lt;command&gt;</c>, rendered and serialized once, so the
/// hot path of bench/load composes, escapes and serializes nothing. This holds because the Core answers a
/// <see cref="HelpCommand"/> with <see cref="CommandCatalog.HelpText"/> of its topic alone: no clock, user, channel
/// or storage (HelpAckTests compares every cached answer with the uncached path for different people and channels).
/// A topic that names no command echoes what was typed, so it is not cached.
/// </summary>
internal static class HelpAcks
{
    private const string Overview = "";

    private static readonly FrozenDictionary<string, byte[]> ByTopic =
        CommandCatalog.All.Select(c => c.Name).Prepend(Overview)
            .ToFrozenDictionary(topic => topic, Render, StringComparer.Ordinal);

    /// <summary>The cached answer when <paramref name="parsed"/> asks for help on nothing or on a command; else null.</summary>
    public static byte[]? For(ParseResult parsed) =>
        parsed is ParseResult.Ok { Command: HelpCommand help } && ByTopic.TryGetValue(help.Topic ?? Overview, out var ack) ? ack : null;

    /// <summary>What the uncached path answers: the Core's help line, composed as a private reply.</summary>
    private static byte[] Render(string topic) =>
        CommandEndpoint.Ack(CardRenderer.Text(CommandCatalog.HelpText(topic)));
}
