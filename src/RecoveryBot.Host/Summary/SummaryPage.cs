using System.Net;
using System.Text;
using RecoveryBot.Core.Metrics;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Host.Summary;

/// <summary>
/// The one-page summary as plain server-rendered HTML: readable in two minutes, on a phone and in print, with no
/// script and no external asset. Every user-provided string is HTML-encoded.
/// </summary>
public static class SummaryPage
{
    public static string Render(SummaryData d)
    {
        var r = d.Recovery;
        var today = d.Today;
        var open = d.Gaps.Where(g => g.Bucket == Bucket.Now && g.Status.IsActive()).OrderByDescending(g => g.IsOverdue(today)).ThenBy(g => g.Due ?? DateOnly.MaxValue).ToList();
        var done = d.Gaps.Where(g => g.Status is GapStatus.Verified or GapStatus.Closed).OrderByDescending(g => g.VerifiedAt).ToList();
        var later = d.Gaps.Where(g => g.Bucket == Bucket.Later && g.Status.IsActive()).ToList();
        var trained = d.Gaps.Where(g => g.TrainedAt is not null).ToList();
        var pending = d.Changes.Where(c => c.State == ApprovalState.Pending).ToList();
        var sig = WebUtility.UrlEncode(d.Sig);
        var a = d.Numbers.All;

        var h = new StringBuilder(16 * 1024);
        h.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<meta name=\"robots\" content=\"noindex\"><title>").Append(E(r.Name)).Append(" — recovery summary</title><style>").Append(SummaryCss.Text)
         .Append("</style></head><body><main>");
        h.Append("<header><h1>").Append(E(r.Name)).Append("</h1>");
        h.Append("<p class=\"meta\"><strong>Phase:</strong> ").Append(E(r.Phase.Text()))
         .Append(" · <strong>Next review:</strong> ").Append(r.NextReview is { } nr ? E(Fmt.When(nr, r.Zone)) : "not set")
         .Append(" · <strong>Lead:</strong> ").Append(E(r.Lead.Name)).Append(" · <strong>Approver:</strong> ").Append(E(Fmt.Who(r.Approver)))
         .Append(" · ").Append(r.Frozen ? "New requests are frozen." : "New requests are open.").Append("</p>");
        h.Append("<p class=\"meta\">As of ").Append(E(Fmt.When(d.Now, r.Zone))).Append(" (").Append(E(r.TimeZone)).Append("), started ")
         .Append(E(Fmt.When(r.StartedAt, r.Zone))).Append(".</p></header>");
        h.Append("<ul class=\"tiles\" aria-label=\"At a glance\">");
        Tile(h, open.Count.ToString(Inv), "open now");
        Tile(h, a.Overdue.ToString(Inv), "overdue", a.Overdue > 0);
        Tile(h, done.Count.ToString(Inv), "fixed and verified");
        Tile(h, a.PassRate is { } p ? p.ToString("0%", Inv) : "—", "first retests passed");
        Tile(h, pending.Count.ToString(Inv), "waiting for the approver");
        h.Append("</ul>");

        h.Append("<section class=\"wide\" aria-labelledby=\"trend\"><h2 id=\"trend\">Is it getting better?</h2><figure>").Append(BurnDownSvg.Render(d.Chart))
         .Append("<figcaption>").Append(E(d.Chart.Sentence())).Append("</figcaption></figure></section>");
        SummarySections.Numbers(h, d.Numbers);

        Section(h, "Open now — one owner, one date", open, ["Item", "Problem", "Owner", "Due", "Status"], g =>
            [g.Id.ToString(), g.Title, Fmt.Who(g.Owner), (g.IsOverdue(today) ? "⚠ overdue: " : "") + Fmt.Due(g), g.Status.Text()], g => g.IsOverdue(today), wide: true);
        Section(h, "Fixes shipped and verified", done, ["Item", "Problem", "Verified by", "When", "Status"], g =>
            [g.Id.ToString(), g.Title, Fmt.Who(g.VerifiedBy), g.VerifiedAt is { } v ? Fmt.When(v, r.Zone) : "", g.Status.Text()], wide: true);
        // Wide sections first, then the short ones, which print side by side in two columns.
        SummarySections.Milestones(h, d.MilestoneChecks, today);
        SummarySections.Scope(h, r, d.Timelines, d.Changes);
        Section(h, "Training done", trained, ["Item", "Training", "When"], g =>
            [g.Id.ToString(), g.TrainingNote ?? g.Title, g.TrainedAt is { } t ? Fmt.When(t, r.Zone) : ""]);
        Section(h, "Questions people still ask (training gaps)", [.. r.Questions.OrderByDescending(q => q.Count)], ["Question", "Asked", "Last asked"],
            q => [q.Text, $"{q.Count}×", Fmt.When(q.LastAsked, r.Zone)], q => q.Count > 1);
        Section(h, "Lessons recorded", r.Lessons, ["Lesson", "By", "When"], l => [l.Text, l.By.Name, Fmt.When(l.At, r.Zone)]);
        Section(h, "Later", later, ["Item", "Request", "Kind"], g => [g.Id.ToString(), g.Title, g.Kind.Text()]);
        Section(h, "Waiting for the approver", pending, ["Request", "What", "Asked by"], c => [c.Label, c.Summary, c.RequestedBy.Name]);
        SummarySections.History(h, d.Timeline, r.Zone, r.TimeZone);
        h.Append("<h2 id=\"log\">Full log</h2><p class=\"links\"><a href=\"gaps.csv?sig=").Append(sig).Append("\">Gap log as CSV</a> · <a href=\"calendar.ics?sig=")
         .Append(sig).Append("\">Dates as a calendar</a> · <a href=\"retro.md?sig=").Append(sig).Append("\">Draft retrospective (Markdown)</a></p>");
        h.Append("</main></body></html>");
        return h.ToString();
    }

    private static readonly IFormatProvider Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static void Tile(StringBuilder h, string value, string label, bool alert = false) =>
        h.Append(alert ? "<li class=\"alert\">" : "<li>").Append("<strong>").Append(E(value)).Append("</strong> ").Append(E(label)).Append("</li>");

    internal static void Section<T>(StringBuilder h, string title, IReadOnlyList<T> rows, string[] headers, Func<T, string[]> cells, Func<T, bool>? flag = null, bool wide = false)
    {
        // Empty sections stay on screen (so "nothing" is visible) but are left out of print to keep a small recovery on one page.
        h.Append(rows.Count == 0 ? "<section class=\"empty\">" : wide ? "<section class=\"wide\">" : "<section>");
        h.Append("<h2>").Append(E(title)).Append(" <span class=\"count\">(").Append(rows.Count).Append(")</span></h2>");
        if (rows.Count == 0) { h.Append("<p class=\"none\">Nothing here.</p></section>"); return; }
        h.Append("<table><thead><tr>");
        foreach (var header in headers) h.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        h.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            h.Append(flag?.Invoke(row) == true ? "<tr class=\"late\">" : "<tr>");
            var values = cells(row);
            for (var i = 0; i < values.Length; i++)
            {
                h.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(E(values[i])).Append(i == 0 ? "</th>" : "</td>");
            }
            h.Append("</tr>");
        }
        h.Append("</tbody></table></section>");
    }

    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
