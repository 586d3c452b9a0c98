namespace RecoveryBot.Core.Schedule;

/// <summary>Monday to Friday arithmetic, on local dates.</summary>
public static class BusinessDays
{
    public static bool IsBusinessDay(this DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The n-th business day after <paramref name="d"/> (n ≥ 1); n = 0 is the next business day from d itself.</summary>
    public static DateOnly AddBusinessDays(this DateOnly d, int n)
    {
        var day = d;
        if (n == 0)
        {
            while (!day.IsBusinessDay()) day = day.AddDays(1);
            return day;
        }
        while (n > 0)
        {
            day = day.AddDays(1);
            if (day.IsBusinessDay()) n--;
        }
        return day;
    }

    /// <summary>Business days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public static int Between(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to && count < 10_000; day = day.AddDays(1))
        {
            if (day.IsBusinessDay()) count++;
        }
        return count;
    }
}
