using System.Globalization;
using System.Text;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Host.Summary;

/// <summary>
/// The gap log as RFC 4180 CSV, every field. Cells that a spreadsheet would run as a formula (starting with
/// <c>= + - @</c>, tab or carriage return) are prefixed with an apostrophe.
/// </summary>
public static class GapCsv
{
    private static readonly string[] Header =
    [
        "id", "title", "kind", "bucket", "status", "owner", "due", "due_moved", "retester", "retest", "training_date",
        "training_note", "trained_at", "expected", "actual", "impact", "affected", "reporter", "created", "updated",
        "verified_by", "verified_at", "closed_at", "broken_note", "decline_reason", "source_link",
    ];

    public static string Write(IEnumerable<Gap> gaps)
    {
        var sb = new StringBuilder();
        Line(sb, Header);
        foreach (var g in gaps)
        {
            Line(sb,
            [
                g.Id.ToString(), g.Title, g.Kind.Text(), g.Bucket.Text(), g.Status.Text(), g.Owner?.Name, Date(g.Due),
                g.DueSlips.ToString(CultureInfo.InvariantCulture), g.Retester?.Name, Date(g.RetestDate), Date(g.TrainingDate),
                g.TrainingNote, Time(g.TrainedAt), g.Expected, g.Actual, g.Impact, g.Affected, g.Reporter.Name, Time(g.CreatedAt),
                Time(g.UpdatedAt), g.VerifiedBy?.Name, Time(g.VerifiedAt), Time(g.ClosedAt), g.BrokenNote, g.DeclineReason, g.SourceLink,
            ]);
        }
        return sb.ToString();
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Line(StringBuilder sb, IEnumerable<string?> cells) =>
        sb.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Time(DateTimeOffset? t) => t?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string? Time(DateTimeOffset t) => Time((DateTimeOffset?)t);
}
