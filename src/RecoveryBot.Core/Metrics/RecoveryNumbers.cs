using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Metrics;

/// <summary>The numbers a recovery is judged by, for one kind of item (or all of them when <see cref="Kind"/> is null).</summary>
public sealed record KindNumbers(GapKind? Kind, int Items, Stat TimeToOwn, Stat TimeToFixReady, Stat TimeToVerify,
    int FirstRetests, int FirstRetestsPassed, int Reopened, int Slips, int ItemsSlipped, int ItemsWithDue, int Overdue)
{
    public string Label => Kind?.Text() ?? "all";

    /// <summary>Share of first retests that passed, 0–1; null before any first retest.</summary>
    public double? PassRate => FirstRetests == 0 ? null : (double)FirstRetestsPassed / FirstRetests;

    /// <summary>Due-date moves per item that has a due date.</summary>
    public double? SlipsPerItem => ItemsWithDue == 0 ? null : (double)Slips / ItemsWithDue;
}

/// <summary>All the numbers: every item, then each kind that has items, and the open change requests.</summary>
public sealed record RecoveryNumbers(KindNumbers All, IReadOnlyList<KindNumbers> PerKind, int OpenChanges, Stat OpenChangeAge)
{
    /// <summary>One line per number, with what it measures: the page's footnotes and the retrospective's.</summary>
    public static readonly IReadOnlyList<(string Name, string Definition)> Definitions =
    [
        ("Time to own", "From the report to the moment the item had one owner and one due date."),
        ("Time to fix ready", "From one owner and one date to the owner's first \"fix ready\"."),
        ("Time to verify", "From the first \"fix ready\" to the retester's \"works in my normal day\"; a \"still broken\" in between counts."),
        ("First-retest pass rate", "Items whose first retest was \"works\", out of items retested at least once."),
        ("Slips", "Due dates moved (each with a reason), and how many per item that has a due date."),
        ("Overdue now", "Open items past their due date that are not waiting for a retest."),
        ("Open change requests", "Requests still waiting for the approver, and how long they have waited."),
    ];
}

/// <summary>Computes <see cref="RecoveryNumbers"/> from the gap rows, their history and the change requests.</summary>
public static class RecoveryMetrics
{
    public static RecoveryNumbers Compute(Recovery r, IReadOnlyList<Gap> gaps, IReadOnlyList<HistoryEvent> history,
        IReadOnlyList<ChangeRequest> changes, DateTimeOffset now) =>
        Compute(Timelines(gaps, history), changes, r.Zone.Today(now), now);

    public static RecoveryNumbers Compute(IReadOnlyList<GapTimeline> timelines, IReadOnlyList<ChangeRequest> changes, DateOnly today, DateTimeOffset now)
    {
        var all = For(null, timelines, today);
        var perKind = Enum.GetValues<GapKind>()
            .Select(k => (Kind: k, Items: timelines.Where(t => t.Gap.Kind == k).ToList()))
            .Where(k => k.Items.Count > 0).Select(k => For(k.Kind, k.Items, today)).ToList();
        var pending = changes.Where(c => c.State == ApprovalState.Pending).ToList();
        return new RecoveryNumbers(all, perKind, pending.Count, Stat.Of(pending.Select(c => now - c.RequestedAt)));
    }

    /// <summary>Each gap's timeline, its history picked out of the recovery's events once.</summary>
    public static IReadOnlyList<GapTimeline> Timelines(IReadOnlyList<Gap> gaps, IReadOnlyList<HistoryEvent> history)
    {
        var byGap = history.Where(e => e.Gap is not null).ToLookup(e => e.Gap!.Value);
        return [.. gaps.Select(g => GapTimeline.Of(g, byGap[g.Id]))];
    }

    private static KindNumbers For(GapKind? kind, IReadOnlyList<GapTimeline> items, DateOnly today)
    {
        var retested = items.Where(t => t.FirstRetestPassed is not null).ToList();
        var dated = items.Where(t => t.Gap.Due is not null).ToList();
        return new KindNumbers(kind, items.Count,
            Stat.Of(items.Where(t => t.OwnedAt is not null).Select(t => t.OwnedAt!.Value - t.Gap.CreatedAt)),
            Stat.Of(items.Where(t => t.OwnedAt is not null && t.FirstReadyAt is not null).Select(t => t.FirstReadyAt!.Value - t.OwnedAt!.Value)),
            Stat.Of(items.Where(t => t.FirstReadyAt is not null && t.VerifiedAt is not null).Select(t => t.VerifiedAt!.Value - t.FirstReadyAt!.Value)),
            retested.Count, retested.Count(t => t.FirstRetestPassed == true), items.Sum(t => t.Reopened),
            items.Sum(t => t.Gap.DueSlips), items.Count(t => t.Gap.DueSlips > 0), dated.Count,
            items.Count(t => t.Gap.IsOverdue(today)));
    }
}
