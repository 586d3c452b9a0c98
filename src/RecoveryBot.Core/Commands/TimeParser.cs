namespace RecoveryBot.Core.Commands;

/// <summary>Times of day: <c>16:00</c>, <c>9:30</c>, <c>4pm</c>, <c>4:30pm</c>.</summary>
internal static class TimeParser
{
    public const string Forms = "`16:00`, `9:30` or `4pm`";

    public static bool TryParse(string word, out TimeOnly time)
    {
        time = default;
        var text = word.ToLowerInvariant();
        int? pm = null;
        if (text.EndsWith("am", StringComparison.Ordinal) || text.EndsWith("pm", StringComparison.Ordinal))
        {
            pm = text[^2] == 'p' ? 1 : 0;
            text = text[..^2];
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var hourText = colon < 0 ? text : text[..colon];
        var minuteText = colon < 0 ? "0" : text[(colon + 1)..];
        if (hourText.Length is < 1 or > 2 || (colon >= 0 && minuteText.Length != 2)) return false;
        if (colon < 0 && pm is null) return false; // a bare "4" is not a time
        if (!DateParser.TryNumber(hourText, out var hour) || !DateParser.TryNumber(minuteText, out var minute) || minute > 59) return false;
        if (pm is { } isPm)
        {
            if (hour is < 1 or > 12) return false;
            hour = hour % 12 + (isPm == 1 ? 12 : 0);
        }
        if (hour > 23) return false;
        time = new TimeOnly(hour, minute);
        return true;
    }
}
