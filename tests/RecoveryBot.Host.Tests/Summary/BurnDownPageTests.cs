using System.Xml.Linq;
using RecoveryBot.Core.Model;
using RecoveryBot.Host.Summary;

namespace RecoveryBot.Host.Tests.Summary;

public sealed class BurnDownPageTests
{
    private static string Svg(string html)
    {
        var start = html.IndexOf("<svg", StringComparison.Ordinal);
        var end = html.IndexOf("</svg>", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the page has one inline SVG");
        return html[start..(end + 6)];
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(200)]
    public void Render_Chart_IsWellFormedSvgWithNoExternalReferenceAndATextAlternative(int items)
    {
        var d = SampleData.Data(items);
        var svg = Svg(SummaryPage.Render(d));
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        Assert.Equal("img", (string?)doc.Root.Attribute("role"));
        Assert.Equal(d.Chart.Sentence(), doc.Root.Element(ns + "desc")!.Value);
        Assert.DoesNotContain(doc.Descendants(), e => e.Attributes().Any(a => a.Name.LocalName == "href" || a.Value.Contains("url(", StringComparison.Ordinal)));
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, doc.Descendants(ns + "polyline").Count()); // an empty recovery draws its flat zero lines
        Assert.Contains(doc.Descendants(ns + "text"), t => t.Value == "today");
        Assert.Contains(doc.Descendants(ns + "text"), t => t.Value == "M1");
    }

    [Fact]
    public void Render_Numbers_ShowMedianBesideMeanPerKindWithDefinitions()
    {
        var data = SampleData.Data(5) with { Gaps = [.. SampleData.Data(5).Gaps.Select((g, i) => g with { Kind = (GapKind)(i % 2), FixReadyAt = SampleData.Now.AddDays(-2) })] };
        var html = SummaryPage.Render(data);
        Assert.Contains("<th scope=\"col\">all items</th><th scope=\"col\">defect</th><th scope=\"col\">scope</th>", html, StringComparison.Ordinal);
        Assert.Contains("Median / mean per kind", html, StringComparison.Ordinal);
        Assert.Contains("title=\"From the report to the moment the item had one owner and one due date.\"", html, StringComparison.Ordinal);
        Assert.Contains("1 d / 1 d", html, StringComparison.Ordinal); // fix ready two days ago, verified one day ago
    }

    [Fact]
    public void Render_WhatProductAsksFor_ScopeMilestonesLessonsQuestionsHistory()
    {
        var r = SampleData.Recovery() with
        {
            PlanApprovedAt = SampleData.Now.AddDays(-2),
            Lessons = [new Lesson("Nobody tested on mobile <before>", SampleData.Lead, SampleData.Now.AddDays(-1))],
            Questions = [new Question("How do I export a quote?", 3, SampleData.Now.AddDays(-5), SampleData.Now)],
            Milestones = [new Milestone(new DateOnly(2026, 12, 2), "Quotes fixed"), new Milestone(new DateOnly(2026, 12, 18), "All verified")],
        };
        var data = SampleData.Data(3) with
        {
            Recovery = r,
            History = [new HistoryEvent(new GapId(1), SampleData.Now.AddDays(-1), SampleData.Lead, "due", "Tue 1 Dec 2026", "Fri 4 Dec 2026", "vendor late")],
        };
        var html = SummaryPage.Render(data);
        Assert.Contains("Recovery scope as approved <span class=\"count\">(3)</span>", html, StringComparison.Ordinal);
        Assert.Contains("✗ missed: G-1", html, StringComparison.Ordinal);
        Assert.Contains("coming, in 14 day(s)", html, StringComparison.Ordinal);
        Assert.Contains("Nobody tested on mobile &lt;before&gt;", html, StringComparison.Ordinal);
        Assert.Contains("How do I export a quote?", html, StringComparison.Ordinal);
        Assert.Contains("times in Europe/Berlin", html, StringComparison.Ordinal);
        Assert.Contains("Thu 3 Dec 2026 15:00", html, StringComparison.Ordinal); // the due move, in Berlin time
        Assert.Contains("due Tue 1 Dec 2026 → Fri 4 Dec 2026 (vendor late)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RetroDraft_HasEachPartAndEscapesUserText()
    {
        var r = SampleData.Recovery() with { Lessons = [new Lesson("Release had *no* tests", SampleData.Lead, SampleData.Now)] };
        var data = SampleData.Data(2) with
        {
            Recovery = r,
            History =
            [
                new HistoryEvent(new GapId(1), SampleData.Now.AddDays(-2), SampleData.Lead, "due", "Tue 1 Dec 2026", "Fri 4 Dec 2026", "vendor late"),
                new HistoryEvent(new GapId(2), SampleData.Now.AddDays(-1), SampleData.Tester, "status", "fix ready", "in progress", "still fails [on] mobile"),
            ],
        };
        var md = RetroDraft.Write(data);
        Assert.StartsWith("# Retrospective: Quotes & orders\n", md, StringComparison.Ordinal);
        foreach (var heading in new[] { "## The numbers", "## What failed in the first implementation (lessons)", "## Dates that slipped",
                     "## Retests that said \"still broken\"", "## Milestones", "## Timeline" })
        {
            Assert.Contains(heading, md, StringComparison.Ordinal);
        }
        Assert.Contains("Release had \\*no\\* tests", md, StringComparison.Ordinal);
        Assert.Contains("G-1 Problem 1: Tue 1 Dec 2026 → Fri 4 Dec 2026 because vendor late", md, StringComparison.Ordinal);
        Assert.Contains("still fails \\[on\\] mobile", md, StringComparison.Ordinal);
        Assert.Contains("| time to own (median / mean) |", md, StringComparison.Ordinal);
    }
}
