using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Views;

/// <summary>Who sees a reply: only the person acting (Slack ephemeral; in Teams the reply in the conversation), or the channel.</summary>
public enum Audience { Actor, Channel }

/// <summary>What the bot says back. Channel adapters render these; they never decide them.</summary>
public abstract record Reply
{
    public sealed record Text(string Message, Audience To = Audience.Actor) : Reply;

    public sealed record Card(CardDoc Doc, Audience To = Audience.Channel) : Reply;

    /// <summary>Replace the card shown by an earlier message (after a decision the buttons disappear).</summary>
    public sealed record UpdateCard(string MessageId, CardDoc Doc) : Reply;

    /// <summary>Open a form: a Slack modal, or a form card in Teams. The document has inputs and one submit action.</summary>
    public sealed record Form(CardDoc Doc) : Reply;

    /// <summary>
    /// Personal work for one person: <see cref="Personal"/> goes to them by direct message; when that cannot be
    /// delivered (they cannot be messaged, the account is gone), <see cref="Fallback"/> goes to the channel instead, once.
    /// A turn's direct message has no fallback: the channel post of the same turn already mentions the person.
    /// </summary>
    public sealed record Direct(UserRef Person, Reply Personal, Reply? Fallback) : Reply;
}

/// <summary>How a turn ended, typed: adapters act on this, never on the shape or wording of the replies.</summary>
public abstract record Outcome
{
    /// <summary>Decided; <see cref="Changed"/> is false for read-only turns (log, show, help).</summary>
    public sealed record Done(bool Changed) : Outcome;

    /// <summary>Refused by a rule, a role check or bad input; nothing changed. <see cref="Reason"/> is the line said.</summary>
    public sealed record Refused(string Reason) : Outcome;

    /// <summary>A card click on an out-of-date card (<see cref="Target"/> is "G-7" or "CR-3"); nothing changed.</summary>
    public sealed record Stale(string Target) : Outcome;

    /// <summary>Someone else changed <see cref="Target"/> at the same moment; nothing changed.</summary>
    public sealed record Conflict(string Target) : Outcome;

    /// <summary>Storage could not be reached; nothing changed.</summary>
    public sealed record Unavailable : Outcome;

    public static readonly Outcome ReadOnly = new Done(false);
}

/// <summary>The outcome of one turn: how it ended, what to say, and the history it wrote.</summary>
public sealed record TurnResult(IReadOnlyList<Reply> Replies, IReadOnlyList<HistoryEvent> Events, Outcome Outcome)
{
    /// <summary>
    /// Set when the turn came from a direct message and acted on a channel's recovery: channel replies go to that
    /// channel (<see cref="Recovery.Address"/> is its conversation reference), the actor's replies stay in the DM.
    /// </summary>
    public Recovery? ActedIn { get; init; }

    /// <summary>
    /// The turn's posts to others as stored with its changes (<see cref="App.TurnPosts"/>): the adapter sends these,
    /// not the same replies in <see cref="Replies"/>, and marks each as sent. Null when nothing was stored.
    /// </summary>
    public App.PendingPosts? Pending { get; init; }

    public static TurnResult Say(string line, Audience to = Audience.Actor) => new([new Reply.Text(line, to)], [], Outcome.ReadOnly);

    public static TurnResult Refuse(string reason) => new([new Reply.Text(reason)], [], new Outcome.Refused(reason));

    /// <summary>All text lines, for logs and tests.</summary>
    public IEnumerable<string> Lines => Replies.OfType<Reply.Text>().Select(t => t.Message);
}
