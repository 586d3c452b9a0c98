using RecoveryBot.Core.Metrics;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Host.Summary;

/// <summary>What the page, the retrospective and the feeds read: the rows and history, computed once.</summary>
public sealed record SummaryData(Recovery Recovery, IReadOnlyList<Gap> Gaps, IReadOnlyList<ChangeRequest> Changes, DateTimeOffset Now, string Sig)
{
    /// <summary>Every stored history event, oldest first.</summary>
    public IReadOnlyList<HistoryEvent> History { get; init; } = [];

    public IReadOnlyList<GapTimeline> Timelines => field ??= RecoveryMetrics.Timelines(Gaps, History);

    public DateOnly Today => Recovery.Zone.Today(Now);

    public RecoveryNumbers Numbers => field ??= RecoveryMetrics.Compute(Timelines, Changes, Today, Now);

    public BurnDown Chart => field ??= BurnDown.Compute(Recovery, Timelines, Now);

    public IReadOnlyList<MilestoneCheck> MilestoneChecks => field ??= Milestones.Check(Recovery, Timelines, Today);

    /// <summary>
    /// The timeline newest first: the stored events plus each gap's report, which the gap row records
    /// (a report writes no history row).
    /// </summary>
    public IReadOnlyList<HistoryEvent> Timeline => field ??=
    [
        .. History.Concat(Gaps.Select(g => new HistoryEvent(g.Id, g.CreatedAt, g.Reporter, "reported", To: g.Title, Note: g.Kind.Text())))
            .OrderByDescending(e => e.At),
    ];
}
