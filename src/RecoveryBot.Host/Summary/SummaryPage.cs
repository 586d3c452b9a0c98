using System.Net;
using System.Text;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Host.Summary;

/// <summary>
/// The one-page summary as plain server-rendered HTML: readable in two minutes, on a phone and in print, with no
/// external assets. Every user-provided string is HTML-encoded.
/// </summary>
public static class SummaryPage
{
    public static string Render(SummaryData d)
    {
        var r = d.Recovery;
        var today = r.Zone.Today(d.Now);
        var open = d.Gaps.Where(g => g.Bucket == Bucket.Now && g.Status.IsActive()).OrderByDescending(g => g.IsOverdue(today)).ThenBy(g => g.Due ?? DateOnly.MaxValue).ToList();
        var done = d.Gaps.Where(g => g.Status is GapStatus.Verified or GapStatus.Closed).OrderByDescending(g => g.VerifiedAt).ToList();
        var later = d.Gaps.Where(g => g.Bucket == Bucket.Later && g.Status.IsActive()).ToList();
        var trained = d.Gaps.Where(g => g.TrainedAt is not null).ToList();
        var pending = d.Changes.Where(c => c.State == ApprovalState.Pending).ToList();
        var sig = WebUtility.UrlEncode(d.Sig);

        var h = new StringBuilder(8 * 1024);
        h.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<title>").Append(E(r.Name)).Append(" — recovery summary</title><style>").Append(Css).Append("</style></head><body><main>");
        h.Append("<h1>").Append(E(r.Name)).Append("</h1>");
        h.Append("<p class=\"meta\"><strong>Phase:</strong> ").Append(E(r.Phase.Text()))
         .Append(" · <strong>Next review:</strong> ").Append(r.NextReview is { } nr ? E(Fmt.When(nr, r.Zone)) : "not set")
         .Append(" · <strong>Lead:</strong> ").Append(E(r.Lead.Name)).Append(" · <strong>Approver:</strong> ").Append(E(Fmt.Who(r.Approver)))
         .Append(" · ").Append(r.Frozen ? "New requests are frozen." : "New requests are open.").Append("</p>");
        h.Append("<p class=\"meta\">").Append(open.Count).Append(" open now, ").Append(open.Count(g => g.IsOverdue(today))).Append(" overdue, ")
         .Append(done.Count).Append(" fixed and verified. As of ").Append(E(Fmt.When(d.Now, r.Zone))).Append(" (").Append(E(r.TimeZone)).Append(").</p>");

        Section(h, "Open now — one owner, one date", open, ["Item", "Problem", "Owner", "Due", "Status"], g =>
            [g.Id.ToString(), g.Title, Fmt.Who(g.Owner), (g.IsOverdue(today) ? "⚠ overdue: " : "") + Fmt.Due(g), g.Status.Text()], g => g.IsOverdue(today));
        Section(h, "Fixes shipped and verified", done, ["Item", "Problem", "Verified by", "When", "Status"], g =>
            [g.Id.ToString(), g.Title, Fmt.Who(g.VerifiedBy), g.VerifiedAt is { } v ? Fmt.When(v, r.Zone) : "", g.Status.Text()]);
        Section(h, "Training done", trained, ["Item", "Training", "When"], g =>
            [g.Id.ToString(), g.TrainingNote ?? g.Title, g.TrainedAt is { } t ? Fmt.When(t, r.Zone) : ""]);
        Section(h, "Later", later, ["Item", "Request", "Kind"], g => [g.Id.ToString(), g.Title, g.Kind.Text()]);
        Section(h, "Waiting for the approver", pending, ["Request", "What", "Asked by"], c => [c.Label, c.Summary, c.RequestedBy.Name]);
        if (r.Milestones.Count > 0)
        {
            Section(h, "Milestones", r.Milestones, ["Date", "Milestone"], m => [Fmt.Date(m.Date), m.Text]);
        }
        h.Append("<h2 id=\"log\">Full log</h2><p><a href=\"gaps.csv?sig=").Append(sig).Append("\">Gap log as CSV</a> · <a href=\"calendar.ics?sig=")
         .Append(sig).Append("\">Dates as a calendar</a></p>");
        h.Append("</main></body></html>");
        return h.ToString();
    }

    private static void Section<T>(StringBuilder h, string title, IReadOnlyList<T> rows, string[] headers, Func<T, string[]> cells, Func<T, bool>? flag = null)
    {
        h.Append("<h2>").Append(E(title)).Append(" <span class=\"count\">(").Append(rows.Count).Append(")</span></h2>");
        if (rows.Count == 0) { h.Append("<p class=\"none\">Nothing here.</p>"); return; }
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
        h.Append("</tbody></table>");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Css =
        "body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0}" +
        "main{max-width:60rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:2px solid #24527a}" +
        ".meta{color:#333}.count{color:#444;font-weight:normal}.none{color:#444;font-style:italic}" +
        "table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #ccc}" +
        "thead th{background:#e8eef4}tr.late{background:#fdecea}tr.late td:nth-child(4){color:#8a1c12;font-weight:600}a{color:#0b4f8a}" +
        "@media (max-width:40rem){table,thead,tbody,tr,th,td{display:block}thead{display:none}tr{border-bottom:1px solid #999;padding:.3rem 0}th,td{border:0;padding:.1rem 0}}" +
        "@media print{a{color:#000}h2{break-after:avoid}tr{break-inside:avoid}}";
}
