using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Rules;

/// <summary>The reset plan as the approver reads it: scope, later list, milestones, escalation path.</summary>
public static class PlanDetails
{
    public static IReadOnlyList<string> For(Recovery r, IReadOnlyList<Gap> gaps, DateOnly today)
    {
        var now = gaps.Where(g => g.Bucket == Bucket.Now && g.Status.IsActive()).ToList();
        var later = gaps.Where(g => g.Bucket == Bucket.Later && g.Status.IsActive()).ToList();
        var lines = new List<string> { $"Recovery scope ({now.Count}):" };
        lines.AddRange(now.Take(15).Select(g => "• " + Fmt.Row(g, today)));
        if (now.Count > 15) lines.Add($"• … and {now.Count - 15} more in the log");
        lines.Add($"Later ({later.Count}): " + (later.Count == 0 ? "nothing" : string.Join(", ", later.Take(10).Select(g => $"{g.Id} {g.Title}"))));
        lines.Add("Milestones: " + (r.Milestones.Count == 0 ? "none yet (`milestone <date> <text>`)"
            : string.Join("; ", r.Milestones.Select(m => $"{Fmt.Date(m.Date)} {m.Text}"))));
        lines.Add("Escalation path: " + (r.EscalationPath ?? $"overdue 2 business days → {r.Lead.Name} (lead); 5 business days → {r.Approver?.Name ?? "the approver"} in the check-in"));
        lines.Add(r.Frozen ? "New requests stay frozen (they go to later) until the lead lifts the freeze." : "New requests are not frozen.");
        return lines;
    }
}
