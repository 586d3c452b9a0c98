namespace RecoveryBot.Core.Commands;

/// <summary>
/// A date as the user wrote it. It is resolved against "today" in the recovery's time zone,
/// which the parser does not know; the service resolves it.
/// </summary>
public abstract record DateSpec
{
    public abstract DateOnly Resolve(DateOnly today);

    public sealed record Exact(DateOnly Date) : DateSpec
    {
        public override DateOnly Resolve(DateOnly today) => Date;
    }

    /// <summary><c>today</c> (0), <c>tomorrow</c> (1), <c>+3d</c> (3), <c>+2w</c> (14).</summary>
    public sealed record InDays(int Days) : DateSpec
    {
        public override DateOnly Resolve(DateOnly today) => today.AddDays(Days);
    }

    /// <summary>A weekday name: the next such day after today (<c>fri</c> on a Friday is a week later).</summary>
    public sealed record Next(DayOfWeek Day) : DateSpec
    {
        public override DateOnly Resolve(DateOnly today)
        {
            var delta = ((int)Day - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(delta == 0 ? 7 : delta);
        }
    }

    /// <summary><c>dec 4</c>: this year's, or next year's when this year's has passed.</summary>
    public sealed record MonthDay(int Month, int Day) : DateSpec
    {
        public override DateOnly Resolve(DateOnly today)
        {
            var year = today.Year;
            for (var i = 0; i < 8; i++, year++)
            {
                if (Day <= DateTime.DaysInMonth(year, Month))
                {
                    var candidate = new DateOnly(year, Month, Day);
                    if (candidate >= today) return candidate;
                }
            }
            return today;
        }
    }
}
