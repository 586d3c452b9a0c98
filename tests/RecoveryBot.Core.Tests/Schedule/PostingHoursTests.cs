using System.Globalization;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Core.Tests.Schedule;

public sealed class PostingHoursTests
{
    private static readonly TimeZoneInfo Berlin = TimeZones.Find(ScheduleData.Berlin)!;

    [Theory]
    [InlineData("2026-12-04", "16:00", "2026-12-04 16:00")]
    [InlineData("2026-12-04", "18:59", "2026-12-04 18:59")]
    [InlineData("2026-12-04", "19:00", "2026-12-07 08:00")]
    [InlineData("2026-12-03", "23:30", "2026-12-04 08:00")]
    [InlineData("2026-12-03", "06:00", "2026-12-03 08:00")]
    [InlineData("2026-12-05", "10:00", "2026-12-07 10:00")]
    [InlineData("2026-12-06", "07:00", "2026-12-07 08:00")]
    public void Slot_LocalDateAndTime_MovesOutOfQuietHoursAndWeekends(string date, string time, string expected)
    {
        var slot = PostingHours.Slot(Berlin, DateOnly.Parse(date, CultureInfo.InvariantCulture), TimeOnly.Parse(time, CultureInfo.InvariantCulture));

        Assert.Equal(expected, Berlin.ToLocal(slot).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void NextOpen_InstantInsidePostingHours_Unchanged()
    {
        var at = new DateTimeOffset(2026, 12, 2, 10, 17, 33, TimeSpan.Zero);

        Assert.Equal(at, PostingHours.NextOpen(Berlin, at));
    }

    [Theory]
    [InlineData("2026-12-03T06:10:00+01:00", "2026-12-03 08:00")]
    [InlineData("2026-12-03T19:00:00+01:00", "2026-12-04 08:00")]
    [InlineData("2026-12-04T22:00:00+01:00", "2026-12-07 08:00")]
    [InlineData("2026-12-05T11:00:00+01:00", "2026-12-07 08:00")] // no time of its own: Monday's opening, not Monday 11:00
    [InlineData("2026-12-06T07:00:00+01:00", "2026-12-07 08:00")]
    public void NextOpen_OutsidePostingHours_NextOpeningAt0800(string instant, string expected)
    {
        var next = PostingHours.NextOpen(Berlin, DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture));

        Assert.Equal(expected, Berlin.ToLocal(next).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Slot_DayAfterDstEnds_KeepsLocalTime()
    {
        var slot = PostingHours.Slot(Berlin, new DateOnly(2026, 10, 25), new TimeOnly(10, 0)); // a Sunday

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 10, 0, 0, TimeSpan.FromHours(1)), slot);
    }

    [Theory]
    [InlineData("2026-12-04T07:59:00+01:00", false)]
    [InlineData("2026-12-04T08:00:00+01:00", true)]
    [InlineData("2026-12-04T18:59:59+01:00", true)]
    [InlineData("2026-12-04T19:00:00+01:00", false)]
    [InlineData("2026-12-05T12:00:00+01:00", false)]
    public void IsOpen_Instant_OnlyBusinessDaysBetween0800And1900(string instant, bool open) =>
        Assert.Equal(open, PostingHours.IsOpen(Berlin, DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)));
}
