using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Schedule;

/// <summary>The wording of the scheduled text posts. People are mentioned, so whoever is asked to act is notified.</summary>
public static class ScheduledTexts
{
    public const string NoticesTitle = "For the lead: posts that could not be delivered";

    /// <summary>The line a scheduled card shows when it goes out late (check-in, retest reminder).</summary>
    public const string LateCardNote = "Posted late: the bot was not running at the scheduled time.";

    /// <summary>"(late: was due Fri 4 Dec 2026 16:00) " — put before a post that goes out after an outage.</summary>
    public static string LatePrefix(DateTimeOffset dueAt, TimeZoneInfo zone) => $"(late: was due {Fmt.When(dueAt, zone)}) ";

    public static string OverdueNudge(Gap g) =>
        $"{Fmt.At(g.Owner)}, {g.Id} \"{g.Title}\" was due {Fmt.Date(g.Due)} and is overdue. " +
        $"Mark fix ready: `ready {g.Id} retest @user <date>` · Move the date: `due {g.Id} <date> because <reason>`";

    public static string OverdueEscalation(Recovery r, Gap g, DateOnly today) =>
        $"Escalation for {Fmt.At(r.Lead)}: {g.Id} \"{g.Title}\" ({Fmt.Who(g.Owner)}) is still overdue — due {Fmt.Date(g.Due)}, " +
        $"{BusinessDays.Between(g.Due!.Value, today)} business day(s) late. Agree a new date " +
        $"(`due {g.Id} <date> because <reason>`) or a new owner (`assign {g.Id} @user <date>`).";

    public static string RetestLeadNotice(Recovery r, Gap g) =>
        $"{Fmt.At(r.Lead)}: {Fmt.At(g.Retester)} has not answered the retest of {g.Id} \"{g.Title}\" " +
        $"(retest date {Fmt.Date(g.RetestDate)}). A second reminder went out; a fix only closes with the retester's answer.";

    public static string OwnershipWatch(Recovery r) =>
        $"{Fmt.At(r.Lead)}, it is 48 hours since \"{r.Name}\" started and there is no ownership message yet. " +
        "Post it with `ownership`: what is broken, who is affected, what we do now, and when people hear from us next.";

    public static string PlanWatch(Recovery r) =>
        $"{Fmt.At(r.Lead)}, it is 2 business days since \"{r.Name}\" started and no reset plan is proposed yet. " +
        $"Propose it with `plan` so {Fmt.At(r.Approver)} can approve it.";

    public static string FollowUp(Recovery r) =>
        $"{Fmt.At(r.Lead)}{(r.Approver is { } a ? ", " + Fmt.At(a) : "")}: {r.FollowUpDays} days ago \"{r.Name}\" was closed. What still hurts? " +
        "Report each thing that still gets in the way of a normal day by typing `gap <what still hurts>`, e.g. " +
        "`gap Quotes still time out on mobile`. Each one is logged as a follow-up item of this closed recovery for the lead and the approver; " +
        "to work on them again, start the next recovery here with `start <name>`.";

    /// <summary>The line the lead reads in the next check-in when a scheduled post could not be delivered.</summary>
    public static string Undelivered(PostKind kind, string key, DateTimeOffset dueAt, TimeZoneInfo zone, string reason) =>
        $"{Describe(kind)} ({key}, due {Fmt.When(dueAt, zone)}) was not delivered: {reason}";

    /// <summary>Why a personal post went to the channel: "could not reach Ravi Patel by direct message (cannot_dm_bot)".</summary>
    public static string Unreachable(UserRef person, string reason) => $"could not reach {person.Name} by direct message ({reason})";

    /// <summary>The line the lead reads when a personal post went to the channel because the DM could not be delivered.</summary>
    public static string DirectFellBack(PostKind kind, string key, string why) =>
        $"{Describe(kind)} ({key}) {why}; it was posted in the channel instead.";

    public static string Describe(PostKind kind) => kind switch
    {
        PostKind.Checkin => "The check-in",
        PostKind.RetestReminder => "A retest reminder",
        PostKind.RetestLeadNotice => "A missing-retest notice",
        PostKind.OverdueNudge => "An overdue nudge",
        PostKind.OverdueEscalation => "An overdue escalation",
        PostKind.OwnershipWatch => "The ownership reminder",
        PostKind.PlanWatch => "The reset-plan reminder",
        PostKind.FollowUp => "The follow-up checkpoint",
        _ => kind.ToString(),
    };
}
