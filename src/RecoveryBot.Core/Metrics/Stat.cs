using System.Globalization;

namespace RecoveryBot.Core.Metrics;

/// <summary>A duration measured over some items: how many, the median and the mean (both null when none).</summary>
public sealed record Stat(int Count, TimeSpan? Median, TimeSpan? Mean)
{
    public static readonly Stat None = new(0, null, null);

    public static Stat Of(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Where(v => v >= TimeSpan.Zero).Order().ToList();
        if (sorted.Count == 0) return None;
        var mid = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Stat(sorted.Count, median, TimeSpan.FromTicks((long)sorted.Average(v => (double)v.Ticks)));
    }

    /// <summary>"2.5 d" from a day up, "5 h" below, "40 min" under an hour, "—" for nothing.</summary>
    public static string Short(TimeSpan? span) => span switch
    {
        null => "—",
        { TotalDays: >= 1 } d => d.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " d",
        { TotalHours: >= 1 } h => h.TotalHours.ToString("0", CultureInfo.InvariantCulture) + " h",
        var m => Math.Max(0, m.Value.TotalMinutes).ToString("0", CultureInfo.InvariantCulture) + " min",
    };

    /// <summary>"median 2 d · mean 3.1 d (n=4)".</summary>
    public override string ToString() => Count == 0 ? "—" : $"median {Short(Median)} · mean {Short(Mean)} (n={Count})";
}
