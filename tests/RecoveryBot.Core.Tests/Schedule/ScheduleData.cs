using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Core.Tests.Schedule;

/// <summary>A recovery and its items as the planner sees them, set up with <c>with</c>.</summary>
internal static class ScheduleData
{
    public static readonly UserRef Lena = new("U-LENA", "Lena Ortiz");   // lead
    public static readonly UserRef Dana = new("U-DANA", "Dana Ruiz");    // approver
    public static readonly UserRef Ana = new("U-ANA", "Ana Silva");      // owner
    public static readonly UserRef Ravi = new("U-RAVI", "Ravi Mehta");   // retester
    public static readonly UserRef Max = new("U-MAX", "Max Weber");      // reporter

    public const string Berlin = "Europe/Berlin";
    public const string NewYork = "America/New_York";
    public const string Tokyo = "Asia/Tokyo";

    public static DateTimeOffset Local(string zone, int year, int month, int day, int hour, int minute = 0) =>
        TimeZones.Find(zone)!.AtLocal(new DateOnly(year, month, day), new TimeOnly(hour, minute));

    /// <summary>Started and running normally: ownership posted and the plan proposed and approved on day one.</summary>
    public static Recovery Recovery(string zone, DateTimeOffset startedAt)
    {
        var channel = new ChannelKey("slack", "T-ACME", "C-" + zone);
        return new Recovery
        {
            Id = channel.RecoveryId,
            Channel = channel,
            Name = "Quotes rollout",
            TimeZone = zone,
            Lead = Lena,
            Approver = Dana,
            Phase = RecoveryPhase.Recovery,
            StartedAt = startedAt,
            OwnershipPostedAt = startedAt.AddHours(2),
            PlanProposedAt = startedAt.AddHours(3),
            PlanApprovedAt = startedAt.AddHours(4),
        };
    }

    /// <summary>A fresh recovery in triage: nothing posted, nothing proposed.</summary>
    public static Recovery Triage(string zone, DateTimeOffset startedAt) => Recovery(zone, startedAt) with
    {
        Phase = RecoveryPhase.Triage,
        OwnershipPostedAt = null,
        PlanProposedAt = null,
        PlanApprovedAt = null,
    };

    public static Gap InProgress(int number, DateOnly due, DateTimeOffset createdAt) => new()
    {
        Id = new GapId(number),
        Title = "Sales reps cannot send quotes from mobile",
        Status = GapStatus.InProgress,
        Owner = Ana,
        Due = due,
        Reporter = Max,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };

    public static Gap FixReady(int number, DateOnly retest, DateTimeOffset readyAt) =>
        InProgress(number, retest, readyAt) with
        {
            Status = GapStatus.FixReady,
            Retester = Ravi,
            RetestDate = retest,
            FixReadyAt = readyAt,
        };

    public static ScheduleInput Input(Recovery r, params Gap[] gaps) => new(r, gaps, []);
}
