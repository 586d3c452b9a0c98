using System.Globalization;

namespace RecoveryBot.Core.Metrics;

/// <summary>The check-in's short block of numbers: medians first, means beside them; the page has them per kind.</summary>
public static class NumbersBlock
{
    public const string Title = "Numbers (median, mean)";

    public static IReadOnlyList<string> Lines(RecoveryNumbers n)
    {
        var a = n.All;
        if (a.Items == 0) return [];
        var lines = new List<string>
        {
            $"Time to own {Pair(a.TimeToOwn)} · to fix ready {Pair(a.TimeToFixReady)} · to verify {Pair(a.TimeToVerify)}",
            $"First retests passed: {Rate(a)} · due dates moved {a.Slips}× on {a.ItemsSlipped} item(s) · overdue now {a.Overdue}",
        };
        if (n.OpenChanges > 0) lines.Add($"Change requests waiting: {n.OpenChanges}, {Pair(n.OpenChangeAge)} old");
        return lines;
    }

    /// <summary>"2 d / 3.1 d", or "—" when nothing was measured.</summary>
    public static string Pair(Stat s) => s.Count == 0 ? "—" : $"{Stat.Short(s.Median)} / {Stat.Short(s.Mean)}";

    /// <summary>"3 of 4 (75%)", or "none yet".</summary>
    public static string Rate(KindNumbers k) => k.PassRate is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{k.FirstRetestsPassed} of {k.FirstRetests} ({p:0%})")
        : "none yet";
}
