using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Views;

/// <summary>Who sees a reply: only the person acting (Slack ephemeral; in Teams the reply in the conversation), or the channel.</summary>
public enum Audience { Actor, Channel }

/// <summary>What the bot says back. Channel adapters render these; they never decide them.</summary>
public abstract record Reply
{
    public sealed record Text(string Message, Audience To = Audience.Actor) : Reply;

    public sealed record Card(CardView View, Audience To = Audience.Channel) : Reply;

    /// <summary>Replace the card shown by an earlier message (after a decision the buttons disappear).</summary>
    public sealed record UpdateCard(string MessageId, CardView View) : Reply;

    /// <summary>Open a form: a Slack modal, or a form card in Teams.</summary>
    public sealed record Form(FormKind Kind) : Reply;
}

public enum FormKind { Gap, Ownership }

/// <summary>The outcome of one turn: what to say, and the history it wrote.</summary>
public sealed record TurnResult(IReadOnlyList<Reply> Replies, IReadOnlyList<HistoryEvent> Events)
{
    public static TurnResult Say(string line, Audience to = Audience.Actor) => new([new Reply.Text(line, to)], []);

    /// <summary>All text lines, for logs and tests.</summary>
    public IEnumerable<string> Lines => Replies.OfType<Reply.Text>().Select(t => t.Message);
}
