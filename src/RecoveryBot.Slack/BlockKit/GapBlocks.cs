using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>One gap: the row card, the detail card with its history, and the retest card.</summary>
internal static class GapBlocks
{
    public static SlackMessage Gap(GapCard c)
    {
        var b = new BlockBuilder();
        if (c.Banner is { Length: > 0 } banner) b.Section(Mrkdwn.Escape(banner));
        Body(b, c.Gap, c.Today);
        b.Context(Mrkdwn.Escape(c.Recovery)).Actions(c.Actions);
        return new(CardRenderer.Fallback(Fmt.Row(c.Gap, c.Today)), b.Build());
    }

    public static SlackMessage Detail(GapDetailCard c)
    {
        var b = new BlockBuilder();
        Body(b, c.Gap, c.Today);
        if (c.History.Count > 0)
        {
            b.Divider().Lines(["*History*", .. c.History.Select(History)]);
        }
        b.Context(Mrkdwn.Escape(c.Recovery)).Actions(c.Actions);
        return new(CardRenderer.Fallback(Fmt.Row(c.Gap, c.Today)), b.Build());
    }

    public static SlackMessage Retest(RetestCard c)
    {
        var g = c.Gap;
        var question = $"Does {g.Id} work in your normal day?";
        var b = new BlockBuilder().Header(c.Reminder ? "Reminder: " + question : question);
        if (c.Late) b.Context(ScheduledTexts.LateCardNote);
        b.Section($"{Mrkdwn.Bold(g.Id.ToString())} {Mrkdwn.Escape(g.Title)}")
            .Fields(("Retester", Fmt.Who(g.Retester)), ("Retest", Fmt.Date(g.RetestDate)), ("Owner", Fmt.Who(g.Owner)),
                ("Training", g.TrainingDate is { } t ? $"{Fmt.Date(t)}{Note(g.TrainingNote)}" : null))
            .Context("Only the retester's answer counts: try it in a normal working day, not a demo.", Mrkdwn.Escape(c.Recovery))
            .Actions(c.Actions);
        return new(CardRenderer.Fallback($"{question} {g.Title}"), b.Build());
    }

    private static void Body(BlockBuilder b, Gap g, DateOnly today)
    {
        b.Header($"{g.Id} {Mrkdwn.ToPlain(g.Title)}");
        var status = g.IsOverdue(today) ? $"{g.Status.Text()} ⚠ overdue" : g.Status.Text();
        b.Fields(
            ("Status", status),
            ("Owner", Fmt.Who(g.Owner)),
            ("Due", Fmt.Due(g)),
            ("Kind", $"{g.Kind.Text()}, {g.Bucket.Text()}"),
            ("Retester", g.Retester is null ? null : $"{g.Retester.Name}, {Fmt.Date(g.RetestDate)}"),
            ("Training", g.TrainingDate is { } t ? $"{Fmt.Date(t)}{(g.TrainedAt is null ? "" : " (done)")}{Note(g.TrainingNote)}" : null),
            ("Reported by", g.Reporter.Name),
            ("Verified by", g.VerifiedBy?.Name));
        b.Fields(("Expected", g.Expected), ("Actual", g.Actual), ("Impact", g.Impact), ("Affected", g.Affected),
            ("Still broken", g.BrokenNote), ("Declined because", g.DeclineReason));
        if (ListBlocks.LinkOf(g.SourceLink) is { } link)
        {
            b.Context($"<{link}|Logged from this message>");
        }
    }

    private static string History(HistoryEvent e)
    {
        var change = (e.From, e.To) switch
        {
            (null, null) => "",
            (null, { } to) => $": {to}",
            ({ } from, null) => $": {from} →",
            ({ } from, { } to) => $": {from} → {to}",
        };
        var when = Fmt.Date(DateOnly.FromDateTime(e.At.UtcDateTime));
        return $"• {when} — {Mrkdwn.Escape(e.Actor.Name)}, {Mrkdwn.Escape(e.What)}{Mrkdwn.Escape(change)}{Mrkdwn.Escape(Note(e.Note))}";
    }

    private static string Note(string? note) => string.IsNullOrWhiteSpace(note) ? "" : $" — {note}";
}
