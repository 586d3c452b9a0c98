using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Schedule;

/// <summary>
/// When the bot may post on its own: business days (Mon–Fri), 08:00 to 19:00 in the recovery's time zone.
/// A post meant for a quiet hour or a weekend moves to the next business day.
/// </summary>
public static class PostingHours
{
    public static readonly TimeOnly Opens = new(8, 0);

    /// <summary>Quiet hours start here and last until <see cref="Opens"/>.</summary>
    public static readonly TimeOnly Closes = new(19, 0);

    /// <summary>
    /// The instant a post meant for <paramref name="time"/> on <paramref name="date"/> (local) goes out: before 08:00
    /// it waits for 08:00, from 19:00 for 08:00 the next day, and a weekend moves it to Monday at that time.
    /// </summary>
    public static DateTimeOffset Slot(TimeZoneInfo zone, DateOnly date, TimeOnly time)
    {
        if (time < Opens)
        {
            time = Opens;
        }
        else if (time >= Closes)
        {
            date = date.AddDays(1);
            time = Opens;
        }
        return zone.AtLocal(date.AddBusinessDays(0), time);
    }

    /// <summary>
    /// The first posting instant at or after <paramref name="instant"/>: the instant itself when posting is open, else
    /// 08:00 on the same or the next business day. For posts with no time of their own (48 hours after start, catch-up).
    /// </summary>
    public static DateTimeOffset NextOpen(TimeZoneInfo zone, DateTimeOffset instant)
    {
        if (IsOpen(zone, instant)) return instant;
        var local = zone.ToLocal(instant).DateTime;
        var date = DateOnly.FromDateTime(local);
        var sameDay = date.IsBusinessDay() && TimeOnly.FromDateTime(local) < Opens;
        return zone.AtLocal(sameDay ? date : date.AddBusinessDays(1), Opens);
    }

    /// <summary>True on a business day between 08:00 and 19:00 local.</summary>
    public static bool IsOpen(TimeZoneInfo zone, DateTimeOffset instant)
    {
        var local = zone.ToLocal(instant).DateTime;
        var time = TimeOnly.FromDateTime(local);
        return DateOnly.FromDateTime(local).IsBusinessDay() && time >= Opens && time < Closes;
    }
}
