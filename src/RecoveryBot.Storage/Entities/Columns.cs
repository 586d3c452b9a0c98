using System.Globalization;

namespace RecoveryBot.Storage.Entities;

/// <summary>Column conversions for types Table Storage has no native form for (stored as sortable text).</summary>
internal static class Columns
{
    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? Date(string? text) =>
        string.IsNullOrEmpty(text) ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    public static TimeOnly Time(string? text) =>
        TimeOnly.ParseExact(text ?? "", "HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    public static string Enum<T>(T value) where T : struct, System.Enum => value.ToString();

    public static T Enum<T>(string? text) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"stored value '{text}' is not a {typeof(T).Name}");

    /// <summary>A short list of message ids (which hold no line breaks), one a line; null when empty.</summary>
    public static string? Lines(System.Collections.Immutable.ImmutableList<string> lines) => lines.IsEmpty ? null : string.Join('\n', lines);

    public static System.Collections.Immutable.ImmutableList<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public static string? Version(Azure.ETag etag) => etag == default ? null : etag.ToString();
}
