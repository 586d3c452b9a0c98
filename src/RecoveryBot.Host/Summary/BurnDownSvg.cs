using System.Globalization;
using System.Net;
using System.Text;
using RecoveryBot.Core.Metrics;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Host.Summary;

/// <summary>
/// The burn-down as inline SVG: three lines told apart by dash pattern and direct labels as well as by colour, so it
/// reads in black and white and in print; milestones are numbered markers (their text is listed under the chart).
/// No script, no external reference.
/// </summary>
public static class BurnDownSvg
{
    private const int W = 800, H = 280, Left = 44, Right = 660, Top = 34, Bottom = 244;

    private static readonly (string Name, string Stroke, string Dash, double Width, Func<BurnDownDay, int> Value)[] Series =
    [
        ("open now", "#1f4e79", "", 3, d => d.OpenNow),
        ("verified", "#1d6b35", "7 4", 2.5, d => d.Verified),
        ("closed", "#3d3d3d", "2 3", 2.5, d => d.Closed),
    ];

    public static string Render(BurnDown chart)
    {
        var span = Math.Max(1, chart.Last.DayNumber - chart.First.DayNumber);
        var max = NiceMax(chart.Days.Count == 0 ? 1 : chart.Days.Max(d => Math.Max(d.OpenNow, d.Verified)));
        double X(DateOnly day) => Left + (Right - Left) * (day.DayNumber - chart.First.DayNumber) / (double)span;
        double Y(int v) => Bottom - (Bottom - Top) * v / (double)max;

        var s = new StringBuilder(4096);
        s.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(W).Append(' ').Append(H)
         .Append("\" role=\"img\" aria-labelledby=\"bd-title bd-desc\" class=\"chart\" font-family=\"system-ui, sans-serif\" font-size=\"12\">");
        s.Append("<title id=\"bd-title\">Burn-down: open now against verified and closed items per day</title>");
        s.Append("<desc id=\"bd-desc\">").Append(E(chart.Sentence())).Append("</desc>");
        for (var i = 0; i <= 4; i++)
        {
            var v = max * i / 4;
            var y = F(Y(v));
            s.Append("<line x1=\"").Append(Left).Append("\" x2=\"").Append(Right).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y)
             .Append("\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>");
            s.Append("<text x=\"").Append(Left - 6).Append("\" y=\"").Append(F(Y(v) + 4)).Append("\" text-anchor=\"end\" fill=\"#333\">").Append(v).Append("</text>");
        }
        foreach (var day in Ticks(chart))
        {
            s.Append("<text x=\"").Append(F(X(day))).Append("\" y=\"").Append(Bottom + 18).Append("\" text-anchor=\"middle\" fill=\"#333\">")
             .Append(E(day.ToString("d MMM", CultureInfo.InvariantCulture))).Append("</text>");
        }
        s.Append("<line x1=\"").Append(Left).Append("\" x2=\"").Append(Right).Append("\" y1=\"").Append(Bottom).Append("\" y2=\"").Append(Bottom).Append("\" stroke=\"#333\"/>");
        var number = 0;
        foreach (var m in chart.Markers)
        {
            var x = F(X(m.Day));
            var (dash, label) = m.Kind switch
            {
                MarkerKind.Milestone => ("4 3", "M" + (++number).ToString(CultureInfo.InvariantCulture)),
                MarkerKind.Review => ("1 3", "review"),
                _ => ("", "today"),
            };
            s.Append("<line x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"").Append(Top - 4).Append("\" y2=\"").Append(Bottom)
             .Append("\" stroke=\"#000\" stroke-width=\"").Append(m.Kind == MarkerKind.Today ? "1.5" : "1").Append('"')
             .Append(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "").Append("><title>").Append(E($"{label}: {Fmt.Date(m.Day)} {(m.Kind == MarkerKind.Milestone ? m.Label : "")}".Trim())).Append("</title></line>");
            s.Append("<text x=\"").Append(x).Append("\" y=\"").Append(Top - 8).Append("\" text-anchor=\"middle\" font-weight=\"600\" fill=\"#000\">").Append(E(label)).Append("</text>");
        }
        foreach (var (name, stroke, dashes, width, value) in Series)
        {
            if (chart.Days.Count == 0) break;
            s.Append("<polyline fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(F(width)).Append('"')
             .Append(dashes.Length > 0 ? $" stroke-dasharray=\"{dashes}\"" : "").Append(" stroke-linejoin=\"round\" points=\"");
            foreach (var d in chart.Days) s.Append(F(X(d.Day))).Append(',').Append(F(Y(value(d)))).Append(' ');
            s.Length--;
            s.Append("\"><title>").Append(E(name)).Append("</title></polyline>");
            // Today's value as a marker, so a recovery one day old still shows where each line stands.
            var end = chart.Days[^1];
            s.Append("<circle cx=\"").Append(F(X(end.Day))).Append("\" cy=\"").Append(F(Y(value(end)))).Append("\" r=\"").Append(F(width + 1.5))
             .Append("\" fill=\"").Append(dashes.Length == 0 ? stroke : "#fff").Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"2\"/>");
        }
        Legend(s, chart);
        return s.Append("</svg>").ToString();
    }

    /// <summary>Each line's name and today's value at the right edge, nudged apart so they never overlap.</summary>
    private static void Legend(StringBuilder s, BurnDown chart)
    {
        var last = chart.Days.Count == 0 ? new BurnDownDay(chart.Today, 0, 0, 0) : chart.Days[^1];
        var y = Top + 6;
        foreach (var (name, stroke, dashes, width, value) in Series)
        {
            s.Append("<line x1=\"").Append(Right + 10).Append("\" x2=\"").Append(Right + 34).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y)
             .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(F(width)).Append('"')
             .Append(dashes.Length > 0 ? $" stroke-dasharray=\"{dashes}\"" : "").Append("/>");
            s.Append("<text x=\"").Append(Right + 38).Append("\" y=\"").Append(y + 4).Append("\" fill=\"#000\">").Append(E(name)).Append(' ').Append(value(last)).Append("</text>");
            y += 20;
        }
    }

    private static IEnumerable<DateOnly> Ticks(BurnDown chart)
    {
        var span = chart.Last.DayNumber - chart.First.DayNumber;
        var step = span <= 14 ? 2 : span <= 35 ? 7 : span <= 120 ? 14 : 30;
        for (var d = chart.First; d <= chart.Last; d = d.AddDays(step)) yield return d;
    }

    private static int NiceMax(int value)
    {
        foreach (var step in new[] { 4, 8, 12, 20, 40, 60, 80, 100, 200, 400, 800, 1000, 2000, 4000 })
        {
            if (value <= step) return step;
        }
        return (value + 999) / 1000 * 1000;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
