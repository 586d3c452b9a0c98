using System.Globalization;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Views;

/// <summary>How dates and people read in every reply and card, on both platforms.</summary>
public static class Fmt
{
    public static string Date(DateOnly d) => d.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? d) => d is { } v ? Date(v) : "no date";

    public static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        zone.ToLocal(at).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at, TimeZoneInfo zone) =>
        zone.ToLocal(at).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Who(UserRef? u) => u?.Name ?? "nobody";

    /// <summary>The person mentioned, so the platform notifies them (see <see cref="CoreText.Mention"/>).</summary>
    public static string At(UserRef? u) => CoreText.Mention(u);

    /// <summary>"due Fri 4 Dec 2026 (moved 2×)".</summary>
    public static string Due(Gap g) => g.Due is null ? "no due date"
        : g.DueSlips > 0 ? $"due {Date(g.Due.Value)} (moved {g.DueSlips}×)" : $"due {Date(g.Due.Value)}";

    /// <summary>One compact log line: "G-7 Quotes fail on mobile — in progress, Ana, due Fri 4 Dec 2026".</summary>
    public static string Row(Gap g, DateOnly today) =>
        $"{g.Id} {g.Title} — {g.Status.Text()}, {Who(g.Owner)}, {Due(g)}{(g.IsOverdue(today) ? " ⚠ overdue" : "")}";
}
