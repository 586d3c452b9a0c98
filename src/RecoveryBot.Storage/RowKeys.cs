using System.Globalization;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage;

/// <summary>
/// Row keys inside one recovery's partition. Numbers are zero-padded so the string order is the numeric
/// order, and history keys carry inverted ticks so a forward range scan yields newest first.
/// </summary>
internal static class RowKeys
{
    public const string Recovery = "recovery";
    public const string GapPrefix = "g|";
    private const string ChangePrefix = "cr|";
    private const string HistoryPrefix = "h|";
    public const string LessonPrefix = "l|";
    public const string QuestionPrefix = "q|";

    /// <summary>A turn's posts kept on a row of their own (<c>~p|</c> sorts after every other key of the partition).</summary>
    public const string PostsPrefix = "~p|";

    public static string Gap(GapId id) => GapPrefix + D(id.Number, 10);

    public static int GapNumber(string rowKey) => int.Parse(rowKey.AsSpan(GapPrefix.Length), CultureInfo.InvariantCulture);

    public static string Change(int number) => ChangePrefix + D(number, 6);

    public static int ChangeNumber(string rowKey) => int.Parse(rowKey.AsSpan(ChangePrefix.Length), CultureInfo.InvariantCulture);

    /// <summary>Gap 0 holds the recovery-level events. <paramref name="suffix"/> keeps keys unique within a tick.</summary>
    public static string History(GapId? gap, DateTimeOffset at, string suffix) =>
        HistoryScope(gap) + D(DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks, 19) + "|" + suffix;

    public static string HistoryScope(GapId? gap) => HistoryPrefix + D(gap?.Number ?? 0, 10) + "|";

    public static string Lesson(int index) => LessonPrefix + D(index, 6);

    public static string Question(int index) => QuestionPrefix + D(index, 6);

    public static int ItemIndex(string rowKey) => int.Parse(rowKey.AsSpan(2), CultureInfo.InvariantCulture);

    /// <summary>Lesson and question rows: <c>l|…</c> and <c>q|…</c> sort together, before <c>recovery</c>.</summary>
    public static (string From, string To) ListItemRange => (LessonPrefix, QuestionPrefix[..^1] + "}");

    public static (string From, string To) GapRange => Range(GapPrefix);

    public static (string From, string To) ChangeRange => Range(ChangePrefix);

    public static (string From, string To) HistoryRange(GapId? gap) => Range(HistoryScope(gap));

    public static (string From, string To) AllHistoryRange => Range(HistoryPrefix);

    // '|' + 1 == '}', so [prefix, prefix-with-'}') covers exactly the keys starting with prefix.
    private static (string, string) Range(string prefix) => (prefix, prefix[..^1] + "}");

    private static string D(long value, int digits) => value.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
