using System.Globalization;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Tests.Commands;

/// <summary>
/// Parsed dates resolved the way the service does: "today" in the recovery's zone at an instant, then
/// <see cref="DateSpec.Resolve"/>. The instants straddle local midnight and the DST switch, where a
/// today computed in UTC or with the wrong offset would be a day off.
/// </summary>
public class DateResolutionTests
{
    [Theory]
    // Berlin leaves summer time on Sun 2026-10-25 at 01:00 UTC (03:00 CEST → 02:00 CET).
    [InlineData("Europe/Berlin", "2026-10-24T21:59:00Z", "2026-10-24")] // Sat 23:59 CEST
    [InlineData("Europe/Berlin", "2026-10-24T22:00:00Z", "2026-10-25")] // Sun 00:00 CEST, still Saturday in UTC
    [InlineData("Europe/Berlin", "2026-10-25T00:59:00Z", "2026-10-25")] // 02:59 CEST, just before the switch
    [InlineData("Europe/Berlin", "2026-10-25T01:00:00Z", "2026-10-25")] // 02:00 CET, the repeated hour
    [InlineData("Europe/Berlin", "2026-10-25T22:59:00Z", "2026-10-25")] // Sun 23:59 CET
    [InlineData("Europe/Berlin", "2026-10-25T23:00:00Z", "2026-10-26")] // Mon 00:00 CET
    // New York leaves daylight time on Sun 2026-11-01 at 06:00 UTC (02:00 EDT → 01:00 EST).
    [InlineData("America/New_York", "2026-11-01T03:59:00Z", "2026-10-31")] // Sat 23:59 EDT
    [InlineData("America/New_York", "2026-11-01T04:00:00Z", "2026-11-01")] // Sun 00:00 EDT
    [InlineData("America/New_York", "2026-11-01T05:30:00Z", "2026-11-01")] // 01:30 EDT
    [InlineData("America/New_York", "2026-11-01T06:30:00Z", "2026-11-01")] // 01:30 EST, the repeated hour
    [InlineData("America/New_York", "2026-11-02T04:59:00Z", "2026-11-01")] // Sun 23:59 EST (00:59 in EDT)
    [InlineData("America/New_York", "2026-11-02T05:00:00Z", "2026-11-02")] // Mon 00:00 EST
    public void Today_InstantAroundDstSwitch_IsTheLocalDate(string zone, string instant, string today) =>
        Assert.Equal(Date(today), TimeZones.Find(zone)!.Today(Instant(instant)));

    [Theory]
    [InlineData("Europe/Berlin", "2026-10-24T21:59:00Z", "fri", "2026-10-30")]
    [InlineData("Europe/Berlin", "2026-10-24T21:59:00Z", "+3d", "2026-10-27")]
    [InlineData("Europe/Berlin", "2026-10-24T21:59:00Z", "tomorrow", "2026-10-25")]
    [InlineData("Europe/Berlin", "2026-10-24T22:00:00Z", "fri", "2026-10-30")]
    [InlineData("Europe/Berlin", "2026-10-24T22:00:00Z", "+3d", "2026-10-28")]
    [InlineData("Europe/Berlin", "2026-10-24T22:00:00Z", "tomorrow", "2026-10-26")]
    [InlineData("Europe/Berlin", "2026-10-24T22:00:00Z", "sun", "2026-11-01")]
    [InlineData("Europe/Berlin", "2026-10-25T01:00:00Z", "today", "2026-10-25")]
    [InlineData("Europe/Berlin", "2026-10-25T01:00:00Z", "in 2 weeks", "2026-11-08")]
    [InlineData("Europe/Berlin", "2026-10-25T22:59:00Z", "tomorrow", "2026-10-26")]
    [InlineData("Europe/Berlin", "2026-10-25T23:00:00Z", "fri", "2026-10-30")]
    [InlineData("Europe/Berlin", "2026-10-25T23:00:00Z", "+3d", "2026-10-29")]
    [InlineData("Europe/Berlin", "2026-10-25T23:00:00Z", "tomorrow", "2026-10-27")]
    [InlineData("Europe/Berlin", "2026-10-30T22:59:00Z", "fri", "2026-11-06")] // on a Friday: next week's
    [InlineData("Europe/Berlin", "2026-10-25T23:00:00Z", "dec 4", "2026-12-04")]
    [InlineData("Europe/Berlin", "2026-10-25T23:00:00Z", "oct 1", "2027-10-01")]
    [InlineData("Europe/Berlin", "2026-10-25T23:00:00Z", "feb 29", "2028-02-29")]
    [InlineData("America/New_York", "2026-11-01T03:59:00Z", "fri", "2026-11-06")]
    [InlineData("America/New_York", "2026-11-01T03:59:00Z", "+3d", "2026-11-03")]
    [InlineData("America/New_York", "2026-11-01T03:59:00Z", "tomorrow", "2026-11-01")]
    [InlineData("America/New_York", "2026-11-01T04:00:00Z", "fri", "2026-11-06")]
    [InlineData("America/New_York", "2026-11-01T04:00:00Z", "+3d", "2026-11-04")]
    [InlineData("America/New_York", "2026-11-01T06:30:00Z", "tomorrow", "2026-11-02")]
    [InlineData("America/New_York", "2026-11-02T04:59:00Z", "tomorrow", "2026-11-02")]
    [InlineData("America/New_York", "2026-11-02T04:59:00Z", "+1w", "2026-11-08")]
    [InlineData("America/New_York", "2026-11-02T05:00:00Z", "fri", "2026-11-06")]
    [InlineData("America/New_York", "2026-11-02T05:00:00Z", "+3d", "2026-11-05")]
    [InlineData("America/New_York", "2026-11-02T05:00:00Z", "tomorrow", "2026-11-03")]
    [InlineData("America/New_York", "2026-11-02T05:00:00Z", "2026-12-04", "2026-12-04")]
    public void Resolve_ParsedDateAroundDstSwitch_ReturnsLocalCalendarDate(string zone, string instant, string date, string expected)
    {
        var ok = Assert.IsType<ParseResult.Ok>(CommandParser.Parse($"due G-7 {date} because the switch"));
        var due = Assert.IsType<MoveDueCommand>(ok.Command).Due;
        var today = TimeZones.Find(zone)!.Today(Instant(instant));

        Assert.Equal(Date(expected), due.Resolve(today));
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
