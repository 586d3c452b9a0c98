using System.Globalization;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Schedule;

/// <summary>
/// A post the rules would make at <see cref="At"/> on the current state; built only when it is due, from the state,
/// the planning time and whether it is late.
/// </summary>
internal sealed record Candidate(string Key, PostKind Kind, DateTimeOffset At, Func<ScheduleInput, DateTimeOffset, bool, Reply> Build)
{
    /// <summary>Whom a personal post goes to; null for a channel post.</summary>
    public UserRef? Person { get; init; }

    /// <summary>The person's own zone when <see cref="At"/> follows it; null when it follows the recovery's.</summary>
    public TimeZoneInfo? Zone { get; init; }

    /// <summary>The instant in the recovery's zone, when <see cref="Zone"/> moved it.</summary>
    public DateTimeOffset? InRecoveryZone { get; init; }

    /// <summary>
    /// The later of the two instants the occurrence has had: a planning window that ends before it may not have seen
    /// it yet (the person's zone was learnt after a window passed the new instant but before the recovery's).
    /// </summary>
    public DateTimeOffset Through => InRecoveryZone is { } d && d > At ? d : At;
}

/// <summary>
/// The product's schedule as candidates. Each depends only on the state (dates, phase, statuses), never on the
/// time of planning, so keys and instants stay the same however often a recovery is planned.
/// </summary>
internal static class ScheduleRules
{
    public static readonly TimeOnly RetestAt = new(10, 0);
    public static readonly TimeOnly OverdueAt = new(9, 30);
    public static readonly TimeSpan OwnershipWithin = TimeSpan.FromHours(48);
    public const int PlanWithinBusinessDays = 2;
    public const int RetestAgainAfterBusinessDays = 2;
    public const int EscalateAfterBusinessDays = 2;

    public static IEnumerable<Candidate> For(ScheduleInput input, DateTimeOffset since, DateTimeOffset now)
    {
        var r = input.Recovery;
        if (r.Phase == RecoveryPhase.Closed) return FollowUp(r);
        return Checkins(r, since, now).Concat(Watches(r)).Concat(input.Gaps.SelectMany(g => Retest(input, g).Concat(Overdue(input, g))));
    }

    /// <summary>Check-ins from the window's start up to and including the first one after <paramref name="now"/>.</summary>
    private static IEnumerable<Candidate> Checkins(Recovery r, DateTimeOffset since, DateTimeOffset now)
    {
        var zone = r.Zone;
        // A weekend or quiet-hours shift moves a check-in at most three days later (Friday evening → Monday).
        var started = zone.Today(r.StartedAt);
        var first = zone.Today(since > r.StartedAt ? since : r.StartedAt).AddDays(-3);
        if (first < started) first = started;
        var last = zone.Today(now).AddDays(10);
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            if (d.DayOfWeek != r.CheckinDay) continue;
            var at = PostingHours.Slot(zone, d, r.CheckinTime);
            if (at <= r.StartedAt) continue;
            yield return new("checkin:" + Iso(d), PostKind.Checkin, at, static (input, now, late) => Checkin(input, now, late));
            if (at > now) yield break;
        }
    }

    private static IEnumerable<Candidate> Watches(Recovery r)
    {
        var zone = r.Zone;
        if (r.OwnershipPostedAt is null)
        {
            yield return Say("watch:ownership", PostKind.OwnershipWatch, PostingHours.NextOpen(zone, r.StartedAt + OwnershipWithin),
                i => ScheduledTexts.OwnershipWatch(i.Recovery));
        }
        if (r.Phase == RecoveryPhase.Triage && r.PlanProposedAt is null)
        {
            var start = zone.ToLocal(r.StartedAt).DateTime;
            var deadline = DateOnly.FromDateTime(start).AddBusinessDays(PlanWithinBusinessDays);
            var at = PostingHours.NextOpen(zone, zone.AtLocal(deadline, TimeOnly.FromDateTime(start)));
            yield return Say("watch:plan", PostKind.PlanWatch, at,
                i => ScheduledTexts.PlanWatch(i.Recovery));
        }
    }

    private static IEnumerable<Candidate> Retest(ScheduleInput input, Gap g)
    {
        if (g.Status != GapStatus.FixReady || g.RetestDate is not { } date || g.Retester is null) yield break;
        var r = input.Recovery;
        // A fix that comes back after "still broken" is a new round: its reminders are owed again, even on the same
        // retest date. The first round keeps the plain key; later rounds add when the fix was marked ready.
        var round = g.BrokenNote is not null && g.FixReadyAt is { } ready ? "@" + ready.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) : "";
        var key = $"retest:{g.Id}:{Iso(date)}{round}:";
        // The reminders follow the retester's own business hours when their zone is known; the lead's notice, a
        // channel post, the recovery's. Keys carry the retest date only, so they are the same in every zone.
        var (first, again) = RetestSlots(r.Zone, date);
        var own = input.ZoneOf(g.Retester);
        var (mine, mineAgain) = own is null ? (first, again) : RetestSlots(own, date);
        // `ready` itself shows the retest card; a reminder slot that passed before the fix was ready is not owed.
        var readyAt = g.FixReadyAt ?? DateTimeOffset.MinValue;
        if (mine > readyAt)
        {
            yield return Personal(new(key + "1", PostKind.RetestReminder, mine, (i, _, late) => RetestCard(i, g, late)), g.Retester, own, first);
        }
        if (mineAgain > readyAt)
        {
            yield return Personal(new(key + "2", PostKind.RetestReminder, mineAgain, (i, _, late) => RetestCard(i, g, late)), g.Retester, own, again);
        }
        if (again > readyAt)
        {
            yield return Say(key + "lead", PostKind.RetestLeadNotice, again, i => ScheduledTexts.RetestLeadNotice(i.Recovery, g));
        }
    }

    private static (DateTimeOffset First, DateTimeOffset Again) RetestSlots(TimeZoneInfo zone, DateOnly date)
    {
        var first = PostingHours.Slot(zone, date, RetestAt);
        return (first, PostingHours.Slot(zone, zone.Today(first).AddBusinessDays(RetestAgainAfterBusinessDays), RetestAt));
    }

    private static IEnumerable<Candidate> Overdue(ScheduleInput input, Gap g)
    {
        if (g.Bucket != Bucket.Now || !g.Status.IsActive() || g.Status == GapStatus.FixReady) yield break;
        if (g.Due is not { } due || g.Owner is null) yield break;
        var r = input.Recovery;
        var zone = r.Zone;
        var nudgeDay = due.AddBusinessDays(1);
        var owner = g.Owner;
        // The nudge, a direct message, follows the owner's business hours when their zone is known (same key).
        var own = input.ZoneOf(owner);
        var nudge = PostingHours.Slot(zone, nudgeDay, OverdueAt);
        yield return Personal(new($"overdue:{g.Id}:{Iso(due)}:nudge", PostKind.OverdueNudge, own is null ? nudge : PostingHours.Slot(own, nudgeDay, OverdueAt),
            (i, now, late) => OverdueNudge(i, g, (own ?? i.Recovery.Zone).Today(now), late)), owner, own, nudge);
        var escalation = PostingHours.Slot(zone, nudgeDay.AddBusinessDays(EscalateAfterBusinessDays), OverdueAt);
        yield return new($"overdue:{g.Id}:{Iso(due)}:escalate", PostKind.OverdueEscalation, escalation,
            (i, now, _) => Text(ScheduledTexts.OverdueEscalation(i.Recovery, g, i.Recovery.Zone.Today(now))));
    }

    private static Candidate Personal(Candidate c, UserRef person, TimeZoneInfo? own, DateTimeOffset inRecoveryZone) =>
        c with { Person = person, Zone = own, InRecoveryZone = own is null ? null : inRecoveryZone };

    private static IEnumerable<Candidate> FollowUp(Recovery r)
    {
        if (r.ClosedAt is not { } closed) yield break;
        var local = r.Zone.ToLocal(closed).DateTime;
        var day = DateOnly.FromDateTime(local);
        var at = PostingHours.NextOpen(r.Zone, r.Zone.AtLocal(day.AddDays(r.FollowUpDays), TimeOnly.FromDateTime(local)));
        yield return Say("followup:" + Iso(day), PostKind.FollowUp, at, i => ScheduledTexts.FollowUp(i.Recovery));
    }

    private const int MaxNotices = 10;

    public static Reply Checkin(ScheduleInput input, DateTimeOffset now, bool late)
    {
        var card = CheckinComposer.Compose(input.Recovery, input.Gaps, input.Changes, now, input.LogLink, late, input.History);
        if (input.Notices.Count > 0)
        {
            // However many posts failed, the check-in stays a short read: the first few, then how many more.
            var shown = input.Notices.Take(MaxNotices).ToList();
            var more = input.Notices.Count > shown.Count ? CheckinComposer.More(input.Notices.Count - shown.Count) : null;
            card = card with { Sections = [.. card.Sections, new Section(ScheduledTexts.NoticesTitle, shown, Footer: more)] };
        }
        return new Reply.Card(card, Audience.Channel);
    }

    // The retester gets the card by direct message; the channel sees the same card only when that cannot be delivered.
    private static Reply.Direct RetestCard(ScheduleInput input, Gap g, bool late)
    {
        var card = GapDocs.Retest(input.Recovery, g, GapActions.Retest(g), reminder: true, late: late);
        return new(g.Retester!, new Reply.Card(card, Audience.Actor), new Reply.Card(card, Audience.Channel));
    }

    // The owner's copy carries the two next steps as buttons (each opens its form); the channel fallback keeps the
    // typed commands, since anyone there reads it and only the owner may act.
    private static Reply.Direct OverdueNudge(ScheduleInput input, Gap g, DateOnly today, bool late)
    {
        var card = GapDocs.Overdue(input.Recovery, g, today, GapActions.OwnerForms(g));
        if (late) card = card with { Notes = [ScheduledTexts.LateCardNote, .. card.Notes] };
        return new(g.Owner!, new Reply.Card(card, Audience.Actor), new Reply.Text(ScheduledTexts.OverdueNudge(g), Audience.Channel));
    }

    private static Candidate Say(string key, PostKind kind, DateTimeOffset at, Func<ScheduleInput, string> text) =>
        new(key, kind, at, (i, _, _) => Text(text(i)));

    private static Reply.Text Text(string message) => new(message, Audience.Channel);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
