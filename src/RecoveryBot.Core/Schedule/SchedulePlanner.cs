using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Schedule;

/// <summary>
/// What is due for one recovery, as a pure function of its state and a window of time. The scheduler calls it with
/// the window since it last planned that recovery; storing each occurrence under its key makes it happen once.
/// </summary>
public static class SchedulePlanner
{
    /// <summary>A post that goes out more than this after its time is marked late.</summary>
    public static readonly TimeSpan DefaultLateAfter = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How much later an occurrence's time can become while its key stays the same. Keys carry the date the post
    /// belongs to; a new check-in time, a new time zone or closing again on the same day moves the instant by at
    /// most a few days (a Friday-evening slot goes to Monday 08:00, and zones are at most 26 hours apart). Whoever
    /// forgets keys relies on this bound: an occurrence due longer ago than this plus any planning window can never
    /// be due again.
    /// </summary>
    public static readonly TimeSpan KeyDrift = TimeSpan.FromDays(7);

    /// <summary>
    /// The occurrences with <paramref name="since"/> &lt; due time ≤ <paramref name="now"/> that still apply to the state
    /// in <paramref name="input"/>, and the next instant after <paramref name="now"/> anything becomes due. During quiet
    /// hours and weekends nothing is posted: the window is left open and the next wake is when posting opens.
    /// </summary>
    public static SchedulePlan Plan(ScheduleInput input, DateTimeOffset since, DateTimeOffset now, TimeSpan? lateAfter = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var zone = input.Recovery.Zone;
        var open = PostingHours.IsOpen(zone, now);
        var due = new List<Occurrence>();
        DateTimeOffset? next = null;
        var owed = false;
        foreach (var c in ScheduleRules.For(input, since, now))
        {
            if (c.At > now)
            {
                if (next is null || c.At < next) next = c.At;
            }
            else if (c.At > since)
            {
                owed = true;
                if (open) due.Add(Build(c, input, now, now - c.At > (lateAfter ?? DefaultLateAfter)));
            }
        }
        if (open) return new SchedulePlan([.. due.OrderBy(o => o.DueAt).ThenBy(o => o.Key, StringComparer.Ordinal)], now, next);
        if (owed)
        {
            var opens = PostingHours.NextOpen(zone, now);
            if (next is null || opens < next) next = opens;
        }
        return new SchedulePlan([], since, next);
    }

    private static Occurrence Build(Candidate c, ScheduleInput input, DateTimeOffset now, bool late)
    {
        var reply = c.Build(input, now, late);
        return new Occurrence(c.Key, c.Kind, c.At, late, late ? Late(reply, c.At, input.Recovery.Zone) : reply);
    }

    private static Reply Late(Reply reply, DateTimeOffset dueAt, TimeZoneInfo zone) => reply switch
    {
        Reply.Text text => text with { Message = ScheduledTexts.LatePrefix(dueAt, zone) + text.Message },
        Reply.Direct d => d with { Personal = Late(d.Personal, dueAt, zone), Fallback = d.Fallback is { } f ? Late(f, dueAt, zone) : null },
        _ => reply,
    };
}
