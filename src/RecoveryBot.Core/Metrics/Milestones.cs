using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Metrics;

public enum MilestoneState { Coming, Met, Missed }

/// <summary>A milestone and whether the team kept it.</summary>
public sealed record MilestoneCheck(Milestone Milestone, MilestoneState State, IReadOnlyList<GapId> Late);

/// <summary>
/// Milestones are dated promises without a list of items, so a past milestone counts as <em>met</em> when every
/// <em>now</em> item due on or before its date was verified, closed or declined by the end of that day; the items
/// that were not are named. Today's and future milestones are coming.
/// </summary>
public static class Milestones
{
    public static IReadOnlyList<MilestoneCheck> Check(Recovery r, IReadOnlyList<GapTimeline> timelines, DateOnly today) =>
        [.. r.Milestones.OrderBy(m => m.Date).Select(m => Check(r, timelines, m, today))];

    private static MilestoneCheck Check(Recovery r, IReadOnlyList<GapTimeline> timelines, Milestone m, DateOnly today)
    {
        if (m.Date >= today) return new MilestoneCheck(m, MilestoneState.Coming, []);
        var end = r.Zone.AtLocal(m.Date.AddDays(1), TimeOnly.MinValue);
        var late = timelines
            .Where(t => t.Gap.Due is { } due && due <= m.Date && t.StateAt(end) is { Bucket: Bucket.Now } s && s.Status.IsActive())
            .Select(t => t.Gap.Id).Order().ToList();
        return new MilestoneCheck(m, late.Count == 0 ? MilestoneState.Met : MilestoneState.Missed, late);
    }

    /// <summary>
    /// The recovery scope as the approver approved it: the <em>now</em> items that were open or being worked on when
    /// the reset plan was approved; null while it is not approved.
    /// </summary>
    public static IReadOnlyList<Gap>? ApprovedScope(Recovery r, IReadOnlyList<GapTimeline> timelines) =>
        r.PlanApprovedAt is not { } at ? null
            : [.. timelines.Where(t => t.StateAt(at.AddTicks(1)) is { Bucket: Bucket.Now } s && s.Status != GapStatus.Declined).Select(t => t.Gap)];
}
