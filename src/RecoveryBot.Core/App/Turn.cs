using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.App;

/// <summary>Who acts, where. <paramref name="Address"/> is the adapter's conversation reference for proactive posts.</summary>
public sealed record Turn(ChannelKey Channel, UserRef Actor, string? Address = null)
{
    /// <summary>A one-to-one conversation with the bot: commands that name an item act on the channel's recovery.</summary>
    public bool Direct { get; init; }

    /// <summary>The command as typed, when it was typed (a direct message's "which recovery?" buttons run it again).</summary>
    public string? Text { get; init; }
}

/// <summary>
/// A click on a card or a form submit, as the adapter read it. <see cref="Revision"/> is the revision the card was
/// rendered from; the server compares it, so a stale or forged click changes nothing.
/// </summary>
public sealed record CardAction(string Verb, GapId? Gap, int? Change, int? Revision, IReadOnlyDictionary<string, string> Inputs)
{
    public string? Input(string key) =>
        Inputs.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? Views.CoreText.Clean(v).Trim() : null;
}

/// <summary>Signed links to the one-page summary; the host implements it (it knows the base URL and key).</summary>
public interface ISummaryLinks
{
    string SummaryUrl(Recovery recovery);

    string LogUrl(Recovery recovery);

    /// <summary>The drafted retrospective as Markdown, signed like the summary; hosts without one link the summary.</summary>
    string RetroUrl(Recovery recovery) => SummaryUrl(recovery);
}
