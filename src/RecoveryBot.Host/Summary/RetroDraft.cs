using System.Text;
using RecoveryBot.Core.Metrics;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Host.Summary;

/// <summary>
/// A retrospective drafted from what happened — lessons, slips, broken retests, milestones and the timeline — as
/// Markdown to paste into the team's wiki. User text is written as plain text: Markdown's markup characters are escaped.
/// </summary>
public static class RetroDraft
{
    public static string Write(SummaryData d)
    {
        var r = d.Recovery;
        var z = r.Zone;
        var a = d.Numbers.All;
        var md = new StringBuilder(8 * 1024);
        md.Append("# Retrospective: ").Append(M(r.Name)).Append("\n\n");
        md.Append("_Draft from RecoveryBot, ").Append(Fmt.When(d.Now, z)).Append(" (").Append(r.TimeZone).Append("). Edit before sharing._\n\n");
        md.Append("- Started ").Append(Fmt.When(r.StartedAt, z)).Append(" by ").Append(M(r.Lead.Name)).Append("; approver ").Append(M(Fmt.Who(r.Approver))).Append('\n');
        if (r.PlanApprovedAt is { } approved) md.Append("- Reset plan approved ").Append(Fmt.When(approved, z)).Append('\n');
        md.Append(r.ClosedAt is { } closed ? $"- Closed {Fmt.When(closed, z)}\n" : $"- Not closed yet (phase: {r.Phase.Text()})\n");
        md.Append("- ").Append(a.Items).Append(" items: ").Append(d.Gaps.Count(g => g.Status is GapStatus.Verified or GapStatus.Closed)).Append(" verified, ")
          .Append(d.Gaps.Count(g => g.Status.IsActive())).Append(" still open, ").Append(d.Gaps.Count(g => g.Status == GapStatus.Declined)).Append(" declined\n\n");

        md.Append("## The numbers\n\n| number | all |").Append(string.Concat(d.Numbers.PerKind.Select(k => $" {k.Label} |"))).Append('\n');
        md.Append("|---|---|").Append(string.Concat(d.Numbers.PerKind.Select(_ => "---|"))).Append('\n');
        IEnumerable<KindNumbers> cols = [a, .. d.Numbers.PerKind];
        Row(md, "time to own (median / mean)", cols, k => NumbersBlock.Pair(k.TimeToOwn));
        Row(md, "time to fix ready", cols, k => NumbersBlock.Pair(k.TimeToFixReady));
        Row(md, "time to verify", cols, k => NumbersBlock.Pair(k.TimeToVerify));
        Row(md, "first retests passed", cols, NumbersBlock.Rate);
        Row(md, "due dates moved", cols, k => $"{k.Slips}× on {k.ItemsSlipped}");
        md.Append('\n');

        md.Append("## What failed in the first implementation (lessons)\n\n");
        List(md, r.Lessons.Select(l => $"{M(l.Text)} — {M(l.By.Name)}, {Fmt.Date(DateOnly.FromDateTime(z.ToLocal(l.At).DateTime))}"), "No lesson recorded yet (`lesson <text>`).");

        md.Append("## Dates that slipped\n\n");
        var slips = d.History.Where(e => e.What == "due" && e.From is not null && e.Gap is not null).ToList();
        List(md, slips.Select(e => $"{e.Gap} {M(Title(d, e.Gap))}: {M(e.From)} → {M(e.To)} because {M(e.Note ?? "no reason given")} ({M(e.Actor.Name)}, {Fmt.When(e.At, z)})"), "No due date moved.");

        md.Append("## Retests that said \"still broken\"\n\n");
        var broken = d.History.Where(e => e.What == "status" && e.From == GapStatus.FixReady.Text() && e.To == GapStatus.InProgress.Text()).ToList();
        List(md, broken.Select(e => $"{e.Gap} {M(Title(d, e.Gap))}: \"{M(e.Note ?? "")}\" — {M(e.Actor.Name)}, {Fmt.When(e.At, z)}"), "Every retest passed.");

        md.Append("## Milestones\n\n");
        List(md, d.MilestoneChecks.Select(c => $"{Fmt.Date(c.Milestone.Date)} {M(c.Milestone.Text)}: " + c.State switch
        {
            MilestoneState.Met => "met",
            MilestoneState.Missed => "missed (" + string.Join(", ", c.Late) + " not done)",
            _ => "coming",
        }), "No milestone set.");

        md.Append("## Questions people still ask\n\n");
        List(md, r.Questions.OrderByDescending(q => q.Count).Select(q => $"{M(q.Text)} — asked {q.Count}×"), "None logged.");

        md.Append("## Timeline\n\n");
        var timeline = d.Timeline.Where(Notable).OrderBy(e => e.At).ToList();
        List(md, timeline.TakeLast(60).Select(e => $"{Fmt.When(e.At, z)} — {(e.Gap is { } g ? g + " " : "")}{M(SummarySections.Describe(e))} ({M(e.Actor.Name)})"), "Nothing happened yet.");
        md.Append("## To discuss\n\n- What would have caught the first failures earlier?\n- Which promise did we keep least well, and why?\n- What do we keep doing after this recovery?\n");
        return md.ToString();
    }

    private static bool Notable(HistoryEvent e) =>
        e.Gap is null ? e.What is "started" or "phase" or "milestone" or "lesson" or "freeze" or "ownership" or "approver"
            : e.What is "reported" || (e.What == "status" && e.To is "fix ready" or "verified" or "closed" or "declined" || e.From == "fix ready");

    private static string Title(SummaryData d, GapId? id) => d.Gaps.FirstOrDefault(g => g.Id == id)?.Title ?? "";

    private static void Row(StringBuilder md, string name, IEnumerable<KindNumbers> cols, Func<KindNumbers, string> value) =>
        md.Append("| ").Append(name).Append(" |").Append(string.Concat(cols.Select(c => $" {value(c)} |"))).Append('\n');

    private static void List(StringBuilder md, IEnumerable<string> lines, string none)
    {
        var any = false;
        foreach (var line in lines) { md.Append("- ").Append(line).Append('\n'); any = true; }
        if (!any) md.Append('_').Append(none).Append("_\n");
        md.Append('\n');
    }

    /// <summary>User text as literal Markdown: markup characters escaped, line breaks flattened.</summary>
    public static string M(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\r' or '\n') { sb.Append(' '); continue; }
            if ("\\`*_{}[]<>()#+-.!|~".Contains(c, StringComparison.Ordinal)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
