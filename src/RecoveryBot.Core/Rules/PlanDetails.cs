using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Rules;

/// <summary>The reset plan as the approver reads it: scope, later list, milestones, escalation path.</summary>
public static class PlanDetails
{
    public const int ScopeShown = 15;

    public static IReadOnlyList<Section> For(Recovery r, IReadOnlyList<Gap> gaps, DateOnly today)
    {
        var now = gaps.Where(g => g.Bucket == Bucket.Now && g.Status.IsActive()).ToList();
        var later = gaps.Where(g => g.Bucket == Bucket.Later && g.Status.IsActive()).ToList();
        var scope = new Section($"Recovery scope ({now.Count})",
            now.Count == 0 ? ["Nothing in now yet."] : [.. now.Take(ScopeShown).Select(g => Fmt.Row(g, today))],
            Bulleted: now.Count > 0, Footer: now.Count > ScopeShown ? CheckinComposer.More(now.Count - ScopeShown) : null);
        var rest = new Section(null,
        [
            $"Later ({later.Count}): " + (later.Count == 0 ? "nothing" : string.Join(", ", later.Take(10).Select(g => $"{g.Id} {g.Title}"))),
            "Milestones: " + (r.Milestones.Count == 0 ? "none yet (`milestone <date> <text>`)"
                : string.Join("; ", r.Milestones.Select(m => $"{Fmt.Date(m.Date)} {m.Text}"))),
            "Escalation path: " + (r.EscalationPath ?? $"overdue 2 business days → {r.Lead.Name} (lead); 5 business days → {r.Approver?.Name ?? "the approver"} in the check-in"),
            r.Frozen ? "New requests stay frozen (they go to later) until the lead lifts the freeze." : "New requests are not frozen.",
        ], Bulleted: false);
        return [scope, rest];
    }
}
