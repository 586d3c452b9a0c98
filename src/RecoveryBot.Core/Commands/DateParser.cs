using System.Collections.Frozen;
using System.Globalization;

namespace RecoveryBot.Core.Commands;

/// <summary>What <see cref="DateParser.Read"/> found: a date and how many tokens it used, an error, or nothing date-like.</summary>
internal readonly record struct DateRead(DateSpec? Date, int Consumed, string? Error = null);

/// <summary>The date forms of the command language; see docs/commands.md.</summary>
internal static class DateParser
{
    /// <summary>Relative dates stop at ten years so resolving them can never overflow.</summary>
    public const int MaxDaysAhead = 3650;
    private const int MinYear = 2000;
    private const int MaxYear = 2999;

    public const string Forms = "`2026-12-04`, `today`, `tomorrow`, `fri`, `+3d` or `dec 4`";

    private static readonly FrozenDictionary<string, DayOfWeek> Weekdays = new Dictionary<string, DayOfWeek>
    {
        ["mon"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday, ["weds"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday, ["thur"] = DayOfWeek.Thursday, ["thurs"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, int> Months = new Dictionary<string, int>
    {
        ["jan"] = 1, ["january"] = 1, ["feb"] = 2, ["february"] = 2, ["mar"] = 3, ["march"] = 3,
        ["apr"] = 4, ["april"] = 4, ["may"] = 5, ["jun"] = 6, ["june"] = 6, ["jul"] = 7, ["july"] = 7,
        ["aug"] = 8, ["august"] = 8, ["sep"] = 9, ["sept"] = 9, ["september"] = 9,
        ["oct"] = 10, ["october"] = 10, ["nov"] = 11, ["november"] = 11, ["dec"] = 12, ["december"] = 12,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool TryWeekday(string word, out DayOfWeek day) => Weekdays.TryGetValue(word, out day);

    /// <summary>Reads a date from <paramref name="tokens"/> at <paramref name="index"/>; multi-word forms use up to three tokens.</summary>
    public static DateRead Read(IReadOnlyList<Token> tokens, int index)
    {
        var word = tokens[index].Text;
        var next = index + 1 < tokens.Count ? tokens[index + 1].Text : null;
        if (word.Equals("in", StringComparison.OrdinalIgnoreCase) && next is not null && index + 2 < tokens.Count)
        {
            return ReadIn(word + " " + next + " " + tokens[index + 2].Text, next, tokens[index + 2].Text);
        }
        if (Months.TryGetValue(word, out var month))
        {
            return next is not null && TryDayOfMonth(next, out var day)
                ? MonthDay(word + " " + next, month, day)
                : new DateRead(null, 0, $"Add the day after {Echo.Quote(word)}, e.g. `{word.ToLowerInvariant()} 4`.");
        }
        if (TryDayOfMonth(word, out var d) && next is not null && Months.TryGetValue(next, out var m))
        {
            return MonthDay(word + " " + next, m, d);
        }
        return ReadOne(word);
    }

    private static DateRead ReadOne(string word)
    {
        if (word.Equals("today", StringComparison.OrdinalIgnoreCase)) return new(new DateSpec.InDays(0), 1);
        if (word.Equals("tomorrow", StringComparison.OrdinalIgnoreCase) || word.Equals("tmrw", StringComparison.OrdinalIgnoreCase))
        {
            return new(new DateSpec.InDays(1), 1);
        }
        if (Weekdays.TryGetValue(word, out var weekday)) return new(new DateSpec.Next(weekday), 1);
        if (word.Length >= 3 && word[0] == '+')
        {
            var unit = char.ToLowerInvariant(word[^1]);
            return unit is 'd' or 'w' && TryNumber(word[1..^1], out var n) ? InDays(word, n, unit == 'w') : default;
        }
        return word.Contains('-', StringComparison.Ordinal) ? ReadIso(word) : default;
    }

    private static DateRead ReadIn(string text, string count, string unit)
    {
        var weeks = unit.ToLowerInvariant() is "week" or "weeks";
        var days = unit.ToLowerInvariant() is "day" or "days";
        if (!weeks && !days) return default;
        return TryNumber(count, out var n) ? InDays(text, n, weeks) with { Consumed = 3 } : default;
    }

    private static DateRead InDays(string text, int count, bool weeks)
    {
        var days = weeks ? (long)count * 7 : count;
        return days > MaxDaysAhead
            ? new(null, 0, $"{Echo.Quote(text)} is too far ahead; relative dates go up to {MaxDaysAhead.ToString(CultureInfo.InvariantCulture)} days.")
            : new(new DateSpec.InDays((int)days), 1);
    }

    private static DateRead MonthDay(string text, int month, int day) =>
        day >= 1 && day <= DateTime.DaysInMonth(2024, month) // 2024 is a leap year: feb 29 is possible in some year
            ? new(new DateSpec.MonthDay(month, day), 2)
            : new(null, 0, $"{Echo.Quote(text)} is not a real date.");

    private static DateRead ReadIso(string word)
    {
        var parts = word.Split('-');
        if (parts.Length != 3 || parts[0].Length != 4 || parts[1].Length is < 1 or > 2 || parts[2].Length is < 1 or > 2
            || !TryNumber(parts[0], out var year) || !TryNumber(parts[1], out var month) || !TryNumber(parts[2], out var day))
        {
            return default;
        }
        if (year is < MinYear or > MaxYear) return new(null, 0, $"{Echo.Quote(word)} is out of range; use a year from {MinYear.ToString(CultureInfo.InvariantCulture)} to {MaxYear.ToString(CultureInfo.InvariantCulture)}.");
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new(new DateSpec.Exact(new DateOnly(year, month, day)), 1)
            : new(null, 0, $"{Echo.Quote(word)} is not a real date.");
    }

    /// <summary>One or two digits, optionally with an English ordinal suffix (<c>4th</c>); the range is checked with the month.</summary>
    private static bool TryDayOfMonth(string word, out int day)
    {
        var digits = word.Length > 2 && word[^2..].ToLowerInvariant() is "st" or "nd" or "rd" or "th" ? word[..^2] : word;
        day = 0;
        return digits.Length <= 2 && TryNumber(digits, out day);
    }

    /// <summary>ASCII digits only (no signs, no other scripts), at most 6 of them.</summary>
    internal static bool TryNumber(string text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 6) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
