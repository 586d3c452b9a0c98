using RecoveryBot.Host.Summary;

namespace RecoveryBot.Host.Tests.Summary;

public sealed class SummaryPageTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(200)]
    public void Render_AnySize_IsCompleteAccessibleHtml(int items)
    {
        var html = SummaryPage.Render(SampleData.Data(items));
        Assert.StartsWith("<!doctype html><html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Quotes &amp; orders</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Next review:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        if (items > 0) Assert.Contains("<th scope=\"col\">Owner</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UserText_IsEncoded()
    {
        var data = SampleData.Data(0) with { Gaps = [SampleData.Gap(1, title: "<script>alert(1)</script>")] };
        var html = SummaryPage.Render(data);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Ana &lt;b&gt;Silva&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OverdueItems_AreMarked()
    {
        var html = SummaryPage.Render(SampleData.Data(5));
        Assert.Contains("<tr class=\"late\">", html, StringComparison.Ordinal);
        Assert.Contains("⚠ overdue", html, StringComparison.Ordinal);
    }
}
