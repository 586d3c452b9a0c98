using RecoveryBot.Core.Model;
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

    [Fact]
    public void Write_TwoMilestonesOnOneDay_HaveDistinctUids()
    {
        var data = SampleData.Data(6, "Europe/Berlin");
        var day = new DateOnly(2026, 12, 18);
        var r = data.Recovery with { Milestones = [new(day, "Quotes verified"), new(day, "Orders verified")] };
        var calendar = Calendar.Load(RecoveryCalendar.Write(data with { Recovery = r }))!;
        var milestones = calendar.Events.Where(e => e.Summary!.StartsWith("Milestone:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, milestones.Count);
        Assert.Equal(2, milestones.Select(e => e.Uid).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Write_Closed_FollowUpUsesTheRecoverysDelay()
    {
        var data = SampleData.Data(6, "Europe/Berlin");
        var closedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var r = data.Recovery with { Phase = RecoveryBot.Core.Model.RecoveryPhase.Closed, ClosedAt = closedAt, FollowUpDays = 21 };
        var calendar = Calendar.Load(RecoveryCalendar.Write(data with { Recovery = r }))!;
        var followUp = Assert.Single(calendar.Events, e => e.Summary!.Contains("follow-up checkpoint", StringComparison.Ordinal));
        Assert.Equal(new DateTime(2026, 12, 22), followUp.DtStart!.Value.Date);
    }
}
