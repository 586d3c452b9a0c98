using RecoveryBot.Core.Model;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.Metrics;

/// <summary>Fixed histories written the way the handlers write them: a report, then status and field events.</summary>
internal sealed class History
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero); // Monday, 09:00 Berlin

    public List<Gap> Gaps { get; } = [];
    public List<HistoryEvent> Events { get; } = [];

    public static Recovery Recovery(params Milestone[] milestones) => new()
    {
        Id = new RecoveryId("r000000000000000000000009"), Channel = new ChannelKey("slack", "T", "C"), Name = "Rollout",
        TimeZone = "Europe/Berlin", Lead = Lena, Approver = Dana, StartedAt = Start, Milestones = [.. milestones],
    };

    public Gap Report(int n, double day, GapKind kind = GapKind.Defect, Bucket bucket = Bucket.Now)
    {
        var g = new Gap
        {
            Id = new GapId(n), Title = $"Problem {n}", Kind = kind, Bucket = bucket, Reporter = Max,
            CreatedAt = Start.AddDays(day), UpdatedAt = Start.AddDays(day),
        };
        Gaps.Add(g);
        return g;
    }

    public History Assign(int n, double day, DateOnly due)
    {
        Update(n, g => g with { Owner = Ana, Due = due, Status = GapStatus.Planned });
        Add(n, day, "owner", null, Ana.Name);
        Add(n, day, "due", null, due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return Status(n, day, GapStatus.Open, GapStatus.Planned);
    }

    public History Slip(int n, double day, DateOnly due)
    {
        Update(n, g => g with { Due = due, DueSlips = g.DueSlips + 1 });
        Add(n, day, "due", "before", "after", "waiting for the vendor");
        return this;
    }

    public History Status(int n, double day, GapStatus from, GapStatus to, string? note = null)
    {
        Update(n, g => g with
        {
            Status = to, FixReadyAt = to == GapStatus.FixReady ? Start.AddDays(day) : g.FixReadyAt,
            VerifiedAt = to == GapStatus.Verified ? Start.AddDays(day) : g.VerifiedAt, ClosedAt = to == GapStatus.Closed ? Start.AddDays(day) : g.ClosedAt,
        });
        Add(n, day, "status", from.Text(), to.Text(), note);
        return this;
    }

    /// <summary>Assigned, begun, ready, and the retest's verdicts in order (true = works).</summary>
    public History Walk(int n, double owned, double ready, double verdictAfter, params bool[] verdicts)
    {
        Assign(n, owned, DateOnly.FromDateTime(Start.AddDays(ready + 7).DateTime));
        Status(n, owned + 0.1, GapStatus.Planned, GapStatus.InProgress);
        Status(n, ready, GapStatus.InProgress, GapStatus.FixReady);
        var at = ready;
        foreach (var works in verdicts)
        {
            at += verdictAfter;
            if (works) return Status(n, at, GapStatus.FixReady, GapStatus.Verified, "works in my normal day");
            Status(n, at, GapStatus.FixReady, GapStatus.InProgress, "still broken");
            Status(n, at + 0.5, GapStatus.InProgress, GapStatus.FixReady);
            at += 0.5;
        }
        return this;
    }

    private void Add(int n, double day, string what, string? from, string? to, string? note = null) =>
        Events.Add(new HistoryEvent(new GapId(n), Start.AddDays(day), Ana, what, from, to, note));

    private void Update(int n, Func<Gap, Gap> change)
    {
        var i = Gaps.FindIndex(g => g.Id.Number == n);
        Gaps[i] = change(Gaps[i]);
    }
}
