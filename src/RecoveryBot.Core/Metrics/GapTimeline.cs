using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Metrics;

/// <summary>One state a gap was in from <see cref="At"/> on.</summary>
public sealed record GapState(DateTimeOffset At, GapStatus Status, Bucket Bucket);

/// <summary>
/// What happened to one gap, read back from its history: when it got one owner and one date, when its fix was
/// first and last ready, the first retest's verdict, and every state it passed through. A gap report writes no
/// history row, so the gap row's <see cref="Gap.CreatedAt"/> is the report; a gap whose history holds no status
/// change (older or imported rows) falls back to the instants the gap row keeps.
/// </summary>
public sealed record GapTimeline(Gap Gap, DateTimeOffset? OwnedAt, DateTimeOffset? FirstReadyAt, DateTimeOffset? VerifiedAt,
    bool? FirstRetestPassed, int Reopened, IReadOnlyList<GapState> States)
{
    private static readonly Dictionary<string, GapStatus> StatusByText =
        Enum.GetValues<GapStatus>().ToDictionary(s => s.Text(), StringComparer.Ordinal);

    public static GapTimeline Of(Gap g, IEnumerable<HistoryEvent> events)
    {
        var own = events.Where(e => e.Gap == g.Id).OrderBy(e => e.At).ToList();
        var status = own.Where(e => e.What == "status" && e.To is not null && StatusByText.ContainsKey(e.To)).ToList();
        var firstOwner = own.FirstOrDefault(e => e.What == "owner")?.At;
        var firstDue = own.FirstOrDefault(e => e.What == "due")?.At;
        DateTimeOffset? owned = firstOwner is { } o && firstDue is { } d ? Max(o, d) : null;
        var verdicts = status.Where(e => e.From == GapStatus.FixReady.Text()).ToList();
        bool? firstPassed = verdicts.Count == 0 ? null : verdicts[0].To == GapStatus.Verified.Text();
        var reopened = verdicts.Count(e => e.To == GapStatus.InProgress.Text());
        var firstReady = status.FirstOrDefault(e => e.To == GapStatus.FixReady.Text())?.At;
        var verified = status.FirstOrDefault(e => e.To == GapStatus.Verified.Text())?.At;
        if (status.Count == 0)
        {
            firstReady = g.FixReadyAt;
            verified = g.VerifiedAt;
            if (g.VerifiedAt is not null) firstPassed ??= g.BrokenNote is null;
        }
        return new GapTimeline(g, owned, firstReady, verified, firstPassed, reopened, Replay(g, own, status));
    }

    /// <summary>The state at <paramref name="at"/> (exclusive), or null before the gap was reported.</summary>
    public GapState? StateAt(DateTimeOffset at)
    {
        GapState? current = null;
        foreach (var s in States)
        {
            if (s.At >= at) break;
            current = s;
        }
        return current;
    }

    private static List<GapState> Replay(Gap g, List<HistoryEvent> own, List<HistoryEvent> status)
    {
        var moves = own.Where(e => e.What == "bucket").ToList();
        var bucket = moves.Count > 0 && Enum.TryParse<Bucket>(moves[0].From, true, out var first) ? first : g.Bucket;
        var states = new List<GapState> { new(g.CreatedAt, GapStatus.Open, bucket) };
        if (status.Count == 0 && g.Status != GapStatus.Open) return FromRow(g, states);
        var current = GapStatus.Open;
        foreach (var e in own)
        {
            if (e.What == "status" && e.To is { } to && StatusByText.TryGetValue(to, out var next)) current = next;
            else if (e.What == "bucket" && Enum.TryParse<Bucket>(e.To, true, out var b)) bucket = b;
            else continue;
            states.Add(new GapState(Max(e.At, g.CreatedAt), current, bucket));
        }
        return states;
    }

    private static List<GapState> FromRow(Gap g, List<GapState> states)
    {
        if (g.Status == GapStatus.Open) return states;
        var b = g.Bucket;
        var steps = new List<(DateTimeOffset? At, GapStatus Status)>
        {
            (g.FixReadyAt, GapStatus.FixReady), (g.VerifiedAt, GapStatus.Verified), (g.ClosedAt, GapStatus.Closed),
        };
        foreach (var (at, s) in steps.Where(s => s.At is not null && s.Status <= g.Status)) states.Add(new GapState(Max(at!.Value, g.CreatedAt), s, b));
        if (states[^1].Status != g.Status) states.Add(new GapState(Max(g.UpdatedAt, states[^1].At), g.Status, b));
        return [.. states.OrderBy(s => s.At)];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
