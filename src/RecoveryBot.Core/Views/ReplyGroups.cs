namespace RecoveryBot.Core.Views;

/// <summary>One message to send, one card to replace, or one form to open: what a turn's replies become on the wire.</summary>
public abstract record Outgoing
{
    /// <summary>One message: the lines (one paragraph each), then the card, if any.</summary>
    public sealed record Post(Audience To, IReadOnlyList<string> Lines, CardDoc? Card) : Outgoing;

    public sealed record Update(string MessageId, CardDoc Card) : Outgoing;

    public sealed record OpenForm(CardDoc Form) : Outgoing;
}

/// <summary>
/// How replies are grouped into messages, for both platforms: lines that follow each other for the same audience go
/// as one message, and a card goes in the same message as the lines just before it (one post where there were
/// several, each of which would wait its turn under the platforms' per-conversation pacing). A card that awaits a
/// decision goes on its own, because the decision replaces its whole message and would take the lines with it.
/// </summary>
public static class ReplyGroups
{
    public static IReadOnlyList<Outgoing> Group(IReadOnlyList<Reply> replies)
    {
        var result = new List<Outgoing>();
        var lines = new List<string>();
        var to = Audience.Actor;
        foreach (var reply in replies)
        {
            switch (reply)
            {
                case Reply.Text t:
                    if (lines.Count > 0 && t.To != to) Flush();
                    to = t.To;
                    lines.Add(t.Message);
                    break;
                case Reply.Card c when lines.Count > 0 && c.To == to && !c.Doc.Awaits:
                    result.Add(new Outgoing.Post(to, [.. lines], c.Doc));
                    lines.Clear();
                    break;
                case Reply.Card c:
                    Flush();
                    result.Add(new Outgoing.Post(c.To, [], c.Doc));
                    break;
                case Reply.UpdateCard u:
                    Flush();
                    result.Add(new Outgoing.Update(u.MessageId, u.Doc));
                    break;
                case Reply.Form f:
                    Flush();
                    result.Add(new Outgoing.OpenForm(f.Doc));
                    break;
            }
        }
        Flush();
        return result;

        void Flush()
        {
            if (lines.Count == 0) return;
            result.Add(new Outgoing.Post(to, [.. lines], null));
            lines.Clear();
        }
    }
}
