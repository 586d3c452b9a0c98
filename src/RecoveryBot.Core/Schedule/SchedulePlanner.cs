using RecoveryBot.Core.Model;
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
    /// in <paramref name="input"/>, and the next instant after <paramref name="now"/> anything becomes due. Nothing is
    /// posted outside the posting hours of the zone a post follows (the recovery's, or the recipient's own for a personal
    /// post): the window is left open before it and the next wake is when posting opens there.
    /// </summary>
    /// <remarks>
    /// A personal post whose recipient's zone puts it before the recovery's instant stays due until both instants have
    /// passed the window, so a zone learnt late never skips it; the outbox's key makes any second planning a no-op.
    /// </remarks>
    public static SchedulePlan Plan(ScheduleInput input, DateTimeOffset since, DateTimeOffset now, TimeSpan? lateAfter = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var zone = input.Recovery.Zone;
        var due = new List<Occurrence>();
        DateTimeOffset? next = null;
        var held = false;
        foreach (var c in ScheduleRules.For(input, since, now))
        {
            if (c.At > now)
            {
                next = Earliest(next, c.At);
                continue;
            }
            if (c.Through <= since) continue;
            var hours = c.Zone ?? zone;
            if (PostingHours.IsOpen(hours, now))
            {
                due.Add(Build(c, input, now, now - c.At > (lateAfter ?? DefaultLateAfter)));
            }
            else
            {
                held = true;
                next = Earliest(next, PostingHours.NextOpen(hours, now));
            }
        }
        // Something held keeps the window where it was; what was posted meanwhile is planned again and stopped by its key.
        return new SchedulePlan([.. due.OrderBy(o => o.DueAt).ThenBy(o => o.Key, StringComparer.Ordinal)], held ? since : now, next);
    }

    /// <summary>
    /// How far from the planning window a personal post's zone is read: zones put the same local time at most
    /// <see cref="ZoneSpread"/> apart, so a post whose instant in the recovery's zone lies further out cannot be due yet.
    /// </summary>
    public static readonly TimeSpan ZoneHorizon = TimeSpan.FromDays(3);

    /// <summary>The most the same local date and time can differ between two zones (UTC+14 to UTC−12, and a DST hour).</summary>
    public static readonly TimeSpan ZoneSpread = TimeSpan.FromHours(28);

    /// <summary>
    /// Whose zones a plan for the window (<paramref name="since"/>, <paramref name="now"/>] needs in
    /// <see cref="ScheduleInput.PersonZones"/>: the recipients of personal posts near the window. When a personal post
    /// further out was left aside, <see cref="ZonesWanted.PlanAgainBy"/> says when to plan again at the latest.
    /// </summary>
    public static ZonesWanted PeopleWithZones(ScheduleInput input, DateTimeOffset since, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var people = new Dictionary<string, UserRef>(StringComparer.Ordinal);
        var personal = ScheduleRules.For(input with { PersonZones = new Dictionary<string, string>() }, since, now)
            .Where(c => c.Person is not null).ToList();
        foreach (var c in personal)
        {
            if (c.At > since - ZoneHorizon && c.At <= now + ZoneHorizon) people.TryAdd(c.Person!.Id, c.Person);
        }
        DateTimeOffset? later = null;
        foreach (var c in personal)
        {
            // Someone whose zone is not read: plan again when their post is near, and read it then.
            if (c.At > now + ZoneHorizon && !people.ContainsKey(c.Person!.Id)) later = Earliest(later, c.At - ZoneHorizon);
        }
        return new ZonesWanted([.. people.Values], later);
    }

    private static Occurrence Build(Candidate c, ScheduleInput input, DateTimeOffset now, bool late)
    {
        var reply = c.Build(input, now, late);
        return new Occurrence(c.Key, c.Kind, c.At, late, late ? Late(reply, c.At, c.Zone ?? input.Recovery.Zone) : reply) { Zone = c.Zone };
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static Reply Late(Reply reply, DateTimeOffset dueAt, TimeZoneInfo zone) => reply switch
    {
        Reply.Text text => text with { Message = ScheduledTexts.LatePrefix(dueAt, zone) + text.Message },
        Reply.Direct d => d with { Personal = Late(d.Personal, dueAt, zone), Fallback = d.Fallback is { } f ? Late(f, dueAt, zone) : null },
        _ => reply,
    };
}

/// <summary>
/// The people a plan needs the zones of, and the latest instant to plan again when a personal post further out was
/// left aside (its recipient's zone could make it due before its instant in the recovery's zone).
/// </summary>
public sealed record ZonesWanted(IReadOnlyList<UserRef> People, DateTimeOffset? PlanAgainBy);
