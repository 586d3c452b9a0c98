using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Host.Summary;

/// <summary>The recovery's dates as iCalendar: due dates, retests, training, milestones, check-ins, review and follow-up.</summary>
public static class RecoveryCalendar
{
    public static string Write(SummaryData d)
    {
        var r = d.Recovery;
        var calendar = new Calendar { ProductId = "-//RecoveryBot//Recovery calendar//EN" };
        calendar.AddTimeZone(new VTimeZone(r.Zone == TimeZoneInfo.Utc ? "UTC" : r.TimeZone));
        foreach (var g in d.Gaps.Where(g => g.Status.IsActive()))
        {
            if (g.Due is { } due) calendar.Events.Add(AllDay($"due-{g.Id}", $"{g.Id} due: {g.Title} ({g.Owner?.Name ?? "no owner"})", due, r));
            if (g.RetestDate is { } retest && g.Status == GapStatus.FixReady)
                calendar.Events.Add(AllDay($"retest-{g.Id}", $"{g.Id} retest by {g.Retester?.Name}: {g.Title}", retest, r));
            if (g.TrainingDate is { } training && g.TrainedAt is null)
                calendar.Events.Add(AllDay($"training-{g.Id}", $"{g.Id} training: {g.TrainingNote ?? g.Title}", training, r));
        }
        // Milestones on the same day get their own UIDs (calendar apps merge events that share one).
        foreach (var day in r.Milestones.GroupBy(m => m.Date))
        {
            foreach (var (m, i) in day.Select((m, i) => (m, i)))
            {
                var key = i == 0 ? $"milestone-{m.Date:yyyyMMdd}" : $"milestone-{m.Date:yyyyMMdd}-{i + 1}";
                calendar.Events.Add(AllDay(key, $"Milestone: {m.Text}", m.Date, r));
            }
        }
        if (r.Phase != RecoveryPhase.Closed)
        {
            var first = NextCheckin(r, d.Now);
            var checkin = Timed("checkin", $"{r.Name}: weekly check-in", first, r);
            checkin.RecurrenceRule = new RecurrencePattern(FrequencyType.Weekly, 1) { ByDay = [new WeekDay(r.CheckinDay)] };
            calendar.Events.Add(checkin);
        }
        if (r.NextReview is { } review) calendar.Events.Add(Timed("review", $"{r.Name}: review", r.Zone.ToLocal(review).DateTime, r));
        if (r.ClosedAt is { } closed)
        {
            var followUp = DateOnly.FromDateTime(r.Zone.ToLocal(closed).DateTime).AddDays(r.FollowUpDays);
            calendar.Events.Add(AllDay("follow-up", $"{r.Name}: follow-up checkpoint — what still hurts?", followUp, r));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static DateTime NextCheckin(Recovery r, DateTimeOffset now)
    {
        var today = r.Zone.Today(now);
        var delta = ((int)r.CheckinDay - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(delta).ToDateTime(r.CheckinTime);
    }

    private static CalendarEvent AllDay(string key, string summary, DateOnly date, Recovery r) => new()
    {
        Uid = $"{key}@{r.Id}", Summary = summary, DtStart = new CalDateTime(date), DtEnd = new CalDateTime(date.AddDays(1)),
    };

    private static CalendarEvent Timed(string key, string summary, DateTime local, Recovery r)
    {
        var tz = r.Zone == TimeZoneInfo.Utc ? "UTC" : r.TimeZone;
        return new CalendarEvent
        {
            Uid = $"{key}@{r.Id}", Summary = summary,
            DtStart = new CalDateTime(local, tz), DtEnd = new CalDateTime(local.AddMinutes(30), tz),
        };
    }
}
