using Ical.Net;
using RecoveryBot.Host.Summary;

namespace RecoveryBot.Host.Tests.Summary;

public sealed class RecoveryCalendarTests
{
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    public void Write_ParsesWithIcalNet_WithEventsInRecoveryZone(string zone)
    {
        var ics = RecoveryCalendar.Write(SampleData.Data(6, zone));
        var calendar = Calendar.Load(ics)!;
        Assert.Contains(calendar.Events, e => e.Summary!.StartsWith("G-1 due:", StringComparison.Ordinal));
        Assert.Contains(calendar.Events, e => e.Summary!.Contains("retest by Ravi Mehta", StringComparison.Ordinal));
        Assert.Contains(calendar.Events, e => e.Summary == "Milestone: All quote defects verified");
        var checkin = Assert.Single(calendar.Events, e => e.Summary!.EndsWith("weekly check-in", StringComparison.Ordinal));
        Assert.Equal(zone, checkin.DtStart!.TzId);
        Assert.Equal(new TimeOnly(16, 0), TimeOnly.FromDateTime(checkin.DtStart.Value));
        Assert.NotNull(checkin.RecurrenceRule);
        Assert.Contains(calendar.TimeZones, t => t.TzId == zone);
    }
}
