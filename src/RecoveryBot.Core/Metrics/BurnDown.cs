using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Metrics;

/// <summary>One day of the burn-down, counted at the end of the day (or now, for today).</summary>
public sealed record BurnDownDay(DateOnly Day, int OpenNow, int Verified, int Closed);

public enum MarkerKind { Milestone, Review, Today }

public sealed record BurnDownMarker(DateOnly Day, MarkerKind Kind, string Label);

/// <summary>
/// Open <em>now</em> items against verified and closed items, per day from the start in the recovery's time zone.
/// <see cref="Last"/> reaches past today to the latest milestone or review, so what is coming shows too.
/// </summary>
public sealed record BurnDown(DateOnly First, DateOnly Last, DateOnly Today, IReadOnlyList<BurnDownDay> Days, IReadOnlyList<BurnDownMarker> Markers)
{
    /// <summary>Days drawn at most; a longer recovery shows its latest days.</summary>
    public const int MaxDays = 400;

    public static BurnDown Compute(Recovery r, IReadOnlyList<GapTimeline> timelines, DateTimeOffset now)
    {
        var zone = r.Zone;
        var today = zone.Today(now);
        var end = r.ClosedAt is { } closed && closed < now ? zone.Today(closed) : today;
        var first = zone.Today(r.StartedAt);
        if (timelines.Count > 0) first = Min(first, zone.Today(timelines.Min(t => t.Gap.CreatedAt)));
        if (end.DayNumber - first.DayNumber >= MaxDays) first = end.AddDays(1 - MaxDays);
        var days = new List<BurnDownDay>();
        for (var d = first; d <= end; d = d.AddDays(1))
        {
            var at = d == today ? now : zone.AtLocal(d.AddDays(1), TimeOnly.MinValue);
            int open = 0, verified = 0, done = 0;
            foreach (var t in timelines)
            {
                if (t.StateAt(at) is not { } s) continue;
                if (s.Bucket == Bucket.Now && s.Status.IsActive()) open++;
                if (s.Status is GapStatus.Verified or GapStatus.Closed) verified++;
                if (s.Status == GapStatus.Closed) done++;
            }
            days.Add(new BurnDownDay(d, open, verified, done));
        }
        var markers = new List<BurnDownMarker>();
        markers.AddRange(r.Milestones.Where(m => m.Date >= first).Select(m => new BurnDownMarker(m.Date, MarkerKind.Milestone, m.Text)));
        if (r.NextReview is { } review && zone.Today(review) >= first) markers.Add(new BurnDownMarker(zone.Today(review), MarkerKind.Review, "review"));
        markers.Add(new BurnDownMarker(today, MarkerKind.Today, "today"));
        var last = markers.Select(m => m.Day).Append(end).Max();
        if (last.DayNumber - end.DayNumber > 90) last = end.AddDays(90);
        return new BurnDown(first, last, today, days, [.. markers.Where(m => m.Day <= last).OrderBy(m => m.Day)]);
    }

    /// <summary>The chart in one sentence, for people who cannot see it.</summary>
    public string Sentence()
    {
        if (Days.Count == 0) return "No days to show yet.";
        var start = Days[0];
        var end = Days[^1];
        var peak = Days.Max(d => d.OpenNow);
        return $"From {Fmt.Date(start.Day)} to {Fmt.Date(end.Day)}, open now items went from {start.OpenNow} to {end.OpenNow} " +
               $"(peak {peak}), while verified items rose to {end.Verified}, {end.Closed} of them closed.";
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
