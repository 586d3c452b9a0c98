using System.Globalization;

namespace RecoveryBot.Core.App;

/// <summary>
/// Counts refused requests (bad signature, stale timestamp, bad token, oversize body) so an adapter can log each at
/// Debug and a Warning with the counts at most once per <paramref name="period"/>: the first refusal after a quiet
/// period is reported at once (a wrong signing secret shows up straight away), the ones after it are counted and
/// reported with the first refusal after the period. A flood of forged requests does not flood the log.
/// Thread-safe; time comes from <paramref name="time"/>.
/// </summary>
public sealed class RefusalTally(TimeProvider time, TimeSpan period)
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromMinutes(5);

    private readonly Lock gate = new();
    private readonly SortedDictionary<string, int> counts = new(StringComparer.Ordinal);
    private DateTimeOffset? since;
    private DateTimeOffset next = DateTimeOffset.MinValue;

    public RefusalTally(TimeProvider time) : this(time, DefaultPeriod) { }

    /// <summary>
    /// Counts one refusal of kind <paramref name="reason"/>. Returns the counts since the last summary (this one
    /// included) to log as a Warning when the last summary is a period old or there was none, else null.
    /// </summary>
    public string? Record(string reason)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            since ??= now;
            counts[reason] = counts.GetValueOrDefault(reason) + 1;
            if (now < next) return null;
            var total = counts.Values.Sum();
            var summary = $"{total.ToString(CultureInfo.InvariantCulture)} requests refused since {since.Value:O}: " +
                string.Join(", ", counts.Select(c => $"{c.Value.ToString(CultureInfo.InvariantCulture)} {c.Key}"));
            counts.Clear();
            since = null;
            next = now + period;
            return summary;
        }
    }
}
