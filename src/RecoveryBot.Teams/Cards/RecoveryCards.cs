using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Cards;

/// <summary>The recovery-level cards: ownership message, approvals, go/no-go and the weekly check-in.</summary>
internal static class RecoveryCards
{
    public static AdaptiveCard Ownership(OwnershipCard c)
    {
        var m = c.Message;
        var body = new List<CardElement>
        {
            Blocks.Subtle(c.Recovery),
            Blocks.Title("We own this: where the recovery stands"),
            new FactSet([
                Blocks.Fact("What is broken", m.Broken),
                Blocks.Fact("Who is affected", m.Affected),
                Blocks.Fact("What we are doing now", m.DoingNow),
                Blocks.Fact("When you hear from us next", m.NextUpdate),
            ]),
        };
        if (c.Frozen) body.Add(Blocks.Attention("New requests are frozen until the reset is agreed."));
        body.Add(Blocks.Subtle($"Posted by {m.By.Name}"));
        return Blocks.Card(body);
    }

    public static AdaptiveCard Approval(ApprovalCard c)
    {
        var body = new List<CardElement> { Blocks.Subtle(c.Recovery), Blocks.Title(Cap(c.Title)), Blocks.Text(c.Request.Summary) };
        // Core writes the detail lines complete (its own "• " item lines included).
        body.AddRange(c.Details.Take(60).Select(d => Blocks.Text(d) with { Spacing = "Small" }));
        body.Add(Blocks.Subtle($"Requested by {c.Request.RequestedBy.Name}; only {Fmt.Who(c.Approver)} (approver) can decide."));
        if (c.Decision is { } decision)
        {
            body.Add(c.Request.State == Core.Model.ApprovalState.Rejected ? Blocks.Attention(decision) : Blocks.Good(decision));
            return Blocks.Card(body);
        }
        return Blocks.Card(body, Buttons.For(c.Actions));
    }

    public static AdaptiveCard GoNoGo(GoNoGoCard c)
    {
        var body = new List<CardElement> { Blocks.Subtle(c.Recovery) };
        if (c.Passes)
        {
            body.Add(Blocks.Good("Go: nothing blocks closing this recovery."));
            body.Add(Blocks.Text("The lead can ask the approver to sign off with `close`."));
        }
        else
        {
            body.Add(Blocks.Attention($"No go yet: {c.Blockers.Count} thing(s) block closing"));
            body.AddRange(c.Blockers.Take(40).Select(Blocks.Bullet));
        }
        return Blocks.Card(body);
    }

    public static AdaptiveCard Checkin(CheckinCard c)
    {
        var body = new List<CardElement> { Blocks.Subtle(c.Recovery), Blocks.Title(c.Heading) };
        if (c.Late) body.Add(Blocks.Subtle("Posted late: the bot was not running at the scheduled time."));
        foreach (var s in c.Sections)
        {
            body.Add(Blocks.Heading(s.Title));
            body.AddRange(s.Lines.Select(Blocks.Bullet));
            if (s.More > 0) body.Add(Blocks.Subtle($"… and {s.More} more in the log"));
        }
        if (c.Sections.Count == 0) body.Add(Blocks.Text("Nothing open, nothing moved this week."));
        IReadOnlyList<CardButton> actions = Uri.TryCreate(c.LogLink, UriKind.Absolute, out var link) ? [new OpenUrlButton("Open the full log", link)] : [];
        return Blocks.Card(body, actions);
    }

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
