using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.App;

/// <summary>Who acts, where. <paramref name="Address"/> is the adapter's conversation reference for proactive posts.</summary>
public sealed record Turn(ChannelKey Channel, UserRef Actor, string? Address = null)
{
    /// <summary>A one-to-one conversation with the bot: commands that name an item act on the channel's recovery.</summary>
    public bool Direct { get; init; }

    /// <summary>The command as typed, when it was typed (a direct message's "which recovery?" buttons run it again).</summary>
    public string? Text { get; init; }

    /// <summary>
    /// The host that sends this turn's posts to others after the answer, from the store (<see cref="TurnPosts"/>); null
    /// when the adapter sends them within the turn itself.
    /// </summary>
    public string? PostsBy { get; init; }

    /// <summary>The delivery this turn came from (a Slack event id); a report keeps it (<see cref="Gap.Origin"/>).</summary>
    public string? Origin { get; init; }

    /// <summary>
    /// A redelivery whose earlier run stopped with its host: that run may have landed, so a report whose
    /// <see cref="Origin"/> is already logged is answered, not logged again.
    /// </summary>
    public bool Redelivered { get; init; }
}

/// <summary>
/// A click on a card or a form submit, as the adapter read it. <see cref="Revision"/> is the revision the card was
/// rendered from; the server compares it, so a stale or forged click changes nothing.
/// </summary>
public sealed record CardAction(string Verb, GapId? Gap, int? Change, int? Revision, IReadOnlyDictionary<string, string> Inputs)
{
    /// <summary>
    /// What was typed into a form or modal field, cleaned as a typed command is (control characters and line breaks
    /// become one space, zero-width and bidi-control characters are dropped), or null when nothing is left. Every
    /// channel's submissions are read through here, so none stores text a typed command could not carry.
    /// </summary>
    public string? Input(string key) =>
        Inputs.TryGetValue(key, out var v) && Commands.Tokenizer.Normalize(Views.CoreText.Clean(v)) is { Length: > 0 } clean ? clean : null;
}

/// <summary>Signed links to the one-page summary; the host implements it (it knows the base URL and key).</summary>
public interface ISummaryLinks
{
    string SummaryUrl(Recovery recovery);

    string LogUrl(Recovery recovery);

    /// <summary>The drafted retrospective as Markdown, signed like the summary; hosts without one link the summary.</summary>
    string RetroUrl(Recovery recovery) => SummaryUrl(recovery);
}
