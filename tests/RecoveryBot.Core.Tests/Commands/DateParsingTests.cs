using RecoveryBot.Core.Commands;

namespace RecoveryBot.Core.Tests.Commands;

public class DateParsingTests
{
    public static TheoryData<string, DateSpec> DateForms => new()
    {
        { "2026-12-04", new DateSpec.Exact(new DateOnly(2026, 12, 4)) },
        { "2026-1-5", new DateSpec.Exact(new DateOnly(2026, 1, 5)) },
        { "2028-02-29", new DateSpec.Exact(new DateOnly(2028, 2, 29)) },
        { "today", new DateSpec.InDays(0) },
        { "TODAY", new DateSpec.InDays(0) },
        { "tomorrow", new DateSpec.InDays(1) },
        { "tmrw", new DateSpec.InDays(1) },
        { "mon", new DateSpec.Next(DayOfWeek.Monday) },
        { "monday", new DateSpec.Next(DayOfWeek.Monday) },
        { "tue", new DateSpec.Next(DayOfWeek.Tuesday) },
        { "tues", new DateSpec.Next(DayOfWeek.Tuesday) },
        { "wed", new DateSpec.Next(DayOfWeek.Wednesday) },
        { "Wednesday", new DateSpec.Next(DayOfWeek.Wednesday) },
        { "thu", new DateSpec.Next(DayOfWeek.Thursday) },
        { "thurs", new DateSpec.Next(DayOfWeek.Thursday) },
        { "fri", new DateSpec.Next(DayOfWeek.Friday) },
        { "Friday", new DateSpec.Next(DayOfWeek.Friday) },
        { "sat", new DateSpec.Next(DayOfWeek.Saturday) },
        { "sun", new DateSpec.Next(DayOfWeek.Sunday) },
        { "+0d", new DateSpec.InDays(0) },
        { "+3d", new DateSpec.InDays(3) },
        { "+3D", new DateSpec.InDays(3) },
        { "+2w", new DateSpec.InDays(14) },
        { "+3650d", new DateSpec.InDays(3650) },
        { "in 3 days", new DateSpec.InDays(3) },
        { "in 1 day", new DateSpec.InDays(1) },
        { "In 2 Weeks", new DateSpec.InDays(14) },
        { "dec 4", new DateSpec.MonthDay(12, 4) },
        { "4 dec", new DateSpec.MonthDay(12, 4) },
        { "december 4", new DateSpec.MonthDay(12, 4) },
        { "Dec 4th", new DateSpec.MonthDay(12, 4) },
        { "1st jan", new DateSpec.MonthDay(1, 1) },
        { "sept 30", new DateSpec.MonthDay(9, 30) },
        { "feb 29", new DateSpec.MonthDay(2, 29) },
        { "31 jan", new DateSpec.MonthDay(1, 31) },
    };

    [Theory]
    [MemberData(nameof(DateForms))]
    public void Parse_DateForm_ReturnsDateSpec(string date, DateSpec expected)
    {
        var ok = Assert.IsType<ParseResult.Ok>(CommandParser.Parse($"assign G-7 <@U1|Ana> {date}"));

        Assert.Equal(expected, Assert.IsType<AssignCommand>(ok.Command).Due);
    }

    [Theory]
    [InlineData("2026-02-30", "`2026-02-30` is not a real date.")]
    [InlineData("2027-02-29", "`2027-02-29` is not a real date.")]
    [InlineData("2026-13-01", "`2026-13-01` is not a real date.")]
    [InlineData("2026-00-10", "`2026-00-10` is not a real date.")]
    [InlineData("1999-12-31", "`1999-12-31` is out of range; use a year from 2000 to 2999.")]
    [InlineData("feb 30", "`feb 30` is not a real date.")]
    [InlineData("apr 31", "`apr 31` is not a real date.")]
    [InlineData("31 apr", "`31 apr` is not a real date.")]
    [InlineData("dec 32", "`dec 32` is not a real date.")]
    [InlineData("0 dec", "`0 dec` is not a real date.")]
    [InlineData("dec", "Add the day after `dec`, e.g. `dec 4`.")]
    [InlineData("dec soon", "Add the day after `dec`, e.g. `dec 4`.")]
    [InlineData("+3651d", "`+3651d` is too far ahead; relative dates go up to 3650 days.")]
    [InlineData("+600w", "`+600w` is too far ahead; relative dates go up to 3650 days.")]
    [InlineData("in 9999 days", "`in 9999 days` is too far ahead; relative dates go up to 3650 days.")]
    [InlineData("+3m", "`+3m` is not a date; use `2026-12-04`, `today`, `tomorrow`, `fri`, `+3d` or `dec 4`.")]
    [InlineData("+99999999999d", "`+99999999999d` is not a date; use `2026-12-04`, `today`, `tomorrow`, `fri`, `+3d` or `dec 4`.")]
    [InlineData("12/04", "`12/04` is not a date; use `2026-12-04`, `today`, `tomorrow`, `fri`, `+3d` or `dec 4`.")]
    [InlineData("4", "`4` is not a date; use `2026-12-04`, `today`, `tomorrow`, `fri`, `+3d` or `dec 4`.")]
    [InlineData("in 3 months", "`in` is not a date; use `2026-12-04`, `today`, `tomorrow`, `fri`, `+3d` or `dec 4`.")]
    [InlineData("２０２６-12-04", "`２０２６-12-04` is not a date; use `2026-12-04`, `today`, `tomorrow`, `fri`, `+3d` or `dec 4`.")]
    public void Parse_BadDate_ReturnsDateError(string date, string message)
    {
        var error = Assert.IsType<ParseResult.Error>(CommandParser.Parse($"assign G-7 <@U1|Ana> {date}"));

        Assert.Equal(message, error.Message);
        Assert.Equal("assign G-7 @user <date>", error.Usage);
    }

    [Theory]
    [InlineData("16:00", 16, 0)]
    [InlineData("9:30", 9, 30)]
    [InlineData("09:05", 9, 5)]
    [InlineData("23:59", 23, 59)]
    [InlineData("0:00", 0, 0)]
    [InlineData("4pm", 16, 0)]
    [InlineData("4PM", 16, 0)]
    [InlineData("4:30pm", 16, 30)]
    [InlineData("11am", 11, 0)]
    [InlineData("12am", 0, 0)]
    [InlineData("12pm", 12, 0)]
    public void TryParse_TimeForm_ReturnsTime(string text, int hour, int minute)
    {
        Assert.True(TimeParser.TryParse(text, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("9:60")]
    [InlineData("9:5")]
    [InlineData("13pm")]
    [InlineData("0am")]
    [InlineData("4")]
    [InlineData("1600")]
    [InlineData("pm")]
    [InlineData(":30")]
    [InlineData("ab:cd")]
    [InlineData("")]
    [InlineData("-1:00")]
    public void TryParse_NotATime_ReturnsFalse(string text) => Assert.False(TimeParser.TryParse(text, out _));
}
