using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Cards;

/// <summary>The gap row, the item with its history (<c>show G-7</c>) and the retest question.</summary>
internal static class GapCards
{
    private const int MaxHistory = 20;

    public static AdaptiveCard Gap(GapCard c)
    {
        var body = Header(c.Recovery, c.Gap);
        if (c.Banner is { } banner) body.Add(Blocks.Attention(banner));
        body.Add(new FactSet(Facts(c.Gap, c.Today)));
        return Blocks.Card(body, Buttons.For(c.Actions));
    }

    public static AdaptiveCard Detail(GapDetailCard c)
    {
        var g = c.Gap;
        var body = Header(c.Recovery, g);
        body.Add(new FactSet([.. Facts(g, c.Today), .. Details(g)]));
        body.Add(Blocks.Heading(c.History.Count == 0 ? "No history yet" : "History, newest first"));
        body.AddRange(c.History.Take(MaxHistory).Select(History));
        return Blocks.Card(body, Buttons.For(c.Actions));
    }

    public static AdaptiveCard Retest(RetestCard c)
    {
        var g = c.Gap;
        var body = new List<CardElement> { Blocks.Subtle(c.Recovery) };
        if (c.Reminder) body.Add(Blocks.Attention("Reminder: this retest is still waiting for your answer."));
        body.Add(Blocks.Title($"Does {g.Id} work in your normal day?"));
        if (c.Late) body.Add(Blocks.Subtle(ScheduledTexts.LateCardNote));
        body.Add(Blocks.Text(g.Title));
        body.Add(new FactSet([
            Blocks.Fact("Retester", Fmt.Who(g.Retester)),
            Blocks.Fact("Retest by", Fmt.Date(g.RetestDate)),
            Blocks.Fact("Fixed by", Fmt.Who(g.Owner)),
            .. g.TrainingDate is { } t ? [Blocks.Fact("Training", $"{Fmt.Date(t)}{(g.TrainingNote is { } n ? " — " + n : "")}")] : Array.Empty<Fact>(),
        ]));
        body.Add(Blocks.Subtle("Try it the way you work every day. Only your answer can close this item."));
        return Blocks.Card(body, Buttons.For(c.Actions));
    }

    private static List<CardElement> Header(string recovery, Gap g) =>
        [Blocks.Subtle(recovery), Blocks.Title($"{g.Id} {g.Title}")];

    private static List<Fact> Facts(Gap g, DateOnly today)
    {
        var facts = new List<Fact>
        {
            Blocks.Fact("Status", g.IsOverdue(today) ? $"{g.Status.Text()} ⚠ overdue" : g.Status.Text()),
            Blocks.Fact("Kind", $"{g.Kind.Text()}, {g.Bucket.Text()}"),
            Blocks.Fact("Owner", Fmt.Who(g.Owner)),
            Blocks.Fact("Due", Fmt.Due(g)),
        };
        if (g.Retester is not null || g.RetestDate is not null)
            facts.Add(Blocks.Fact("Retest", $"{Fmt.Who(g.Retester)}, {Fmt.Date(g.RetestDate)}"));
        if (g.TrainingDate is { } training)
            facts.Add(Blocks.Fact("Training", $"{Fmt.Date(training)}{(g.TrainedAt is null ? "" : ", done")}{(g.TrainingNote is { } n ? " — " + n : "")}"));
        if (g.BrokenNote is { } broken) facts.Add(Blocks.Fact("Still broken", broken));
        if (g.DeclineReason is { } reason) facts.Add(Blocks.Fact("Declined", reason));
        return facts;
    }

    private static IEnumerable<Fact> Details(Gap g)
    {
        if (g.Expected is { } e) yield return Blocks.Fact("Expected", e);
        if (g.Actual is { } a) yield return Blocks.Fact("Actual", a);
        if (g.Impact is { } i) yield return Blocks.Fact("Impact", i);
        if (g.Affected is { } who) yield return Blocks.Fact("Affected", who);
        yield return Blocks.Fact("Reported by", g.Reporter.Name);
        if (g.SourceLink is { } link) yield return Blocks.Fact("Source", link);
    }

    private static TextBlock History(HistoryEvent e)
    {
        var change = (e.From, e.To) switch
        {
            (null, null) => "",
            (null, { } to) => $" → {to}",
            ({ } from, null) => $" {from}",
            ({ } from, { } to) => $" {from} → {to}",
        };
        var note = e.Note is { } n ? $" ({n})" : "";
        return Blocks.Bullet(e.At, $"{e.Actor.Name}: {e.What}{change}{note}");
    }
}
