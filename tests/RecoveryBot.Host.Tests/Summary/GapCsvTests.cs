using System.Globalization;
using CsvHelper;
using RecoveryBot.Host.Summary;

namespace RecoveryBot.Host.Tests.Summary;

public sealed class GapCsvTests
{
    [Fact]
    public void Write_TrickyText_RoundTripsThroughCsvParser()
    {
        string[] titles = ["Commas, everywhere", "She said \"no\"", "Line one\nline two", "=HYPERLINK(\"http://x\")", "+1 555", "-2", "@SUM(A1)", "plain"];
        var gaps = titles.Select((t, i) => SampleData.Gap(i + 1, title: t)).ToList();
        var csv = GapCsv.Write(gaps);

        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(titles.Length, rows.Count);
        Assert.Equal("Commas, everywhere", rows[0]["title"]);
        Assert.Equal("She said \"no\"", rows[1]["title"]);
        Assert.Equal("Line one\nline two", rows[2]["title"]);
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[3]["title"]);
        Assert.Equal("'+1 555", rows[4]["title"]);
        Assert.Equal("'-2", rows[5]["title"]);
        Assert.Equal("'@SUM(A1)", rows[6]["title"]);
        Assert.Equal("plain", rows[7]["title"]);
        Assert.Equal("G-1", rows[0]["id"]);
        Assert.Equal("2026-12-02", rows[0]["due"]);
        Assert.Equal(26, rows[0].Count);
    }

    [Fact]
    public void Write_NoGaps_HeaderOnlyWithCrlf()
    {
        var csv = GapCsv.Write([]);
        Assert.StartsWith("id,title,kind,bucket,status,owner,due", csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
    }
}
