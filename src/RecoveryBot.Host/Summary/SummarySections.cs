using System.Globalization;
using System.Text;
using RecoveryBot.Core.Metrics;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using static RecoveryBot.Host.Summary.SummaryPage;

namespace RecoveryBot.Host.Summary;

/// <summary>The page's sections beyond plain lists: the numbers, milestones, approved scope and the history.</summary>
internal static class SummarySections
{
    private const int HistoryRows = 25;

    public static void Numbers(StringBuilder h, RecoveryNumbers n)
    {
        var columns = new List<KindNumbers> { n.All };
        columns.AddRange(n.PerKind);
        h.Append("<section class=\"wide\" aria-labelledby=\"numbers\"><h2 id=\"numbers\">Are we keeping our word?</h2>");
        h.Append("<table class=\"numbers\"><caption>Median / mean per kind of item; definitions below.</caption><thead><tr><th scope=\"col\">Number</th>");
        foreach (var c in columns) h.Append("<th scope=\"col\">").Append(E(c.Kind is null ? "all items" : c.Label)).Append("</th>");
        h.Append("</tr></thead><tbody>");
        var defs = RecoveryNumbers.Definitions;
        Row(h, "Items", null, columns, c => c.Items.ToString(CultureInfo.InvariantCulture));
        Row(h, defs[0].Name, 1, columns, c => NumbersBlock.Pair(c.TimeToOwn));
        Row(h, defs[1].Name, 2, columns, c => NumbersBlock.Pair(c.TimeToFixReady));
        Row(h, defs[2].Name, 3, columns, c => NumbersBlock.Pair(c.TimeToVerify));
        Row(h, defs[3].Name, 4, columns, NumbersBlock.Rate);
        Row(h, defs[4].Name, 5, columns, c => c.SlipsPerItem is { } per
            ? string.Create(CultureInfo.InvariantCulture, $"{c.Slips}× on {c.ItemsSlipped} ({per:0.##} per item)") : "—");
        Row(h, defs[5].Name, 6, columns, c => c.Overdue.ToString(CultureInfo.InvariantCulture));
        h.Append("</tbody></table><p><span title=\"").Append(E(defs[6].Definition)).Append("\">Open change requests</span><sup>7</sup>: ")
         .Append(n.OpenChanges).Append(n.OpenChanges > 0 ? $", waiting {E(NumbersBlock.Pair(n.OpenChangeAge))} (median / mean)" : "").Append(".</p>");
        h.Append("<ol class=\"notes\">");
        foreach (var (name, definition) in defs) h.Append("<li><strong>").Append(E(name)).Append(":</strong> ").Append(E(definition)).Append("</li>");
        h.Append("<li>Times are calendar time; a median is the middle item, so one slow item moves the mean, not the median.</li></ol></section>");
    }

    private static void Row(StringBuilder h, string name, int? note, List<KindNumbers> columns, Func<KindNumbers, string> value)
    {
        h.Append("<tr><th scope=\"row\">");
        if (note is { } i)
        {
            h.Append("<span title=\"").Append(E(RecoveryNumbers.Definitions[i - 1].Definition)).Append("\">").Append(E(name)).Append("</span><sup>").Append(i).Append("</sup>");
        }
        else h.Append(E(name));
        h.Append("</th>");
        foreach (var c in columns) h.Append("<td>").Append(E(value(c))).Append("</td>");
        h.Append("</tr>");
    }

    public static void Milestones(StringBuilder h, IReadOnlyList<MilestoneCheck> checks, DateOnly today) =>
        Section(h, "Milestones", checks, ["#", "Date", "Milestone", "Kept?"], c =>
        [
            "M" + (IndexOf(checks, c) + 1).ToString(CultureInfo.InvariantCulture), Fmt.Date(c.Milestone.Date), c.Milestone.Text,
            c.State switch
            {
                MilestoneState.Met => "✓ met",
                MilestoneState.Missed => "✗ missed: " + string.Join(", ", c.Late.Take(8)) + (c.Late.Count > 8 ? $" and {c.Late.Count - 8} more" : "") + " not done",
                _ => c.Milestone.Date == today ? "due today" : $"coming, in {c.Milestone.Date.DayNumber - today.DayNumber} day(s)",
            },
        ], c => c.State == MilestoneState.Missed);

    private static int IndexOf(IReadOnlyList<MilestoneCheck> checks, MilestoneCheck c)
    {
        for (var i = 0; i < checks.Count; i++) if (ReferenceEquals(checks[i], c)) return i;
        return -1;
    }

    public static void Scope(StringBuilder h, Recovery r, IReadOnlyList<GapTimeline> timelines, IReadOnlyList<ChangeRequest> changes)
    {
        var scope = Core.Metrics.Milestones.ApprovedScope(r, timelines);
        h.Append("<section><h2>Recovery scope as approved").Append(scope is null ? "" : $" <span class=\"count\">({scope.Count})</span>").Append("</h2>");
        if (scope is null || r.PlanApprovedAt is not { } at)
        {
            h.Append("<p class=\"none\">").Append(r.PlanProposedAt is { } p ? $"The reset plan was proposed {E(Fmt.When(p, r.Zone))} and is not approved yet." : "No reset plan proposed yet.").Append("</p></section>");
            return;
        }
        var plan = changes.LastOrDefault(c => c.Kind == ChangeKind.ResetPlan && c.State == ApprovalState.Approved);
        h.Append("<p>Approved").Append(plan?.DecidedBy is { } by ? " by " + E(by.Name) : "").Append(' ').Append(E(Fmt.When(at, r.Zone))).Append(": ");
        h.Append(scope.Count == 0 ? "no items." : string.Join("; ", scope.Select(g => E($"{g.Id} {g.Title}"))) + ".");
        var moves = changes.Count(c => c.Kind == ChangeKind.BucketMove && c.State == ApprovalState.Approved && c.DecidedAt > at);
        h.Append(moves > 0 ? $" Since then {moves} approved change request(s) moved items between now and later." : "").Append("</p></section>");
    }

    public static void History(StringBuilder h, IReadOnlyList<HistoryEvent> timeline, TimeZoneInfo zone, string zoneId)
    {
        h.Append("<section class=\"wide\"><h2>History <span class=\"count\">(").Append(timeline.Count).Append(")</span></h2>");
        if (timeline.Count == 0) { h.Append("<p class=\"none\">Nothing here.</p></section>"); return; }
        h.Append("<table class=\"history\"><caption>Newest first, times in ").Append(E(zoneId))
         .Append(timeline.Count > HistoryRows ? $"; the latest {HistoryRows} shown (`show G-n` in the channel has each item's own)" : "")
         .Append(".</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Item</th><th scope=\"col\">Who</th><th scope=\"col\">What</th></tr></thead><tbody>");
        foreach (var e in timeline.Take(HistoryRows))
        {
            h.Append("<tr><td>").Append(E(Fmt.When(e.At, zone))).Append("</td><td>").Append(E(e.Gap?.ToString() ?? "recovery")).Append("</td><td>")
             .Append(E(e.Actor.Name)).Append("</td><td>").Append(E(Describe(e))).Append("</td></tr>");
        }
        h.Append("</tbody></table></section>");
    }

    public static string Describe(HistoryEvent e)
    {
        var change = (e.From, e.To) switch
        {
            (null, null) => "",
            (null, { } to) => " " + to,
            ({ } from, null) => " " + from,
            ({ } from, { } to) => $" {from} → {to}",
        };
        return e.What + change + (e.Note is { } note ? $" ({note})" : "");
    }
}
