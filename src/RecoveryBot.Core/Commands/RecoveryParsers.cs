namespace RecoveryBot.Core.Commands;

/// <summary>Setting up and steering the recovery: people, freeze, plan, milestones, settings.</summary>
internal static class RecoveryParsers
{
    private static readonly TimeOnly QuietEnds = new(8, 0);
    private static readonly TimeOnly QuietStarts = new(19, 0);

    public static ParseResult Start(Args a)
    {
        const string Example = "start Acme CRM recovery tz Europe/Berlin";
        var zoneText = a.Trailing("tz", Example);
        if (a.Text(TextField.Name, Example) is not { } name) return a.Failed;
        var zone = zoneText is null ? null : a.Zone(zoneText);
        return a.Result(new StartCommand(name, zone));
    }

    public static ParseResult Approver(Args a) =>
        a.User("approver", "approver @Dana") is { } user ? a.Done(new SetApproverCommand(user)) : a.Failed;

    public static ParseResult Lead(Args a) =>
        a.User("new lead", "lead @Sam") is { } user ? a.Done(new SetLeadCommand(user)) : a.Failed;

    public static ParseResult Freeze(Args a)
    {
        if (a.Keyword("on")) return a.Done(new FreezeCommand(true));
        if (a.Keyword("off")) return a.Done(new FreezeCommand(false));
        return a.Fail(a.Peek is { } token
            ? $"{Echo.Quote(token.Text)} is not on or off; say `freeze on` or `freeze off`."
            : "Say `freeze on` or `freeze off`.");
    }

    public static ParseResult Milestone(Args a)
    {
        const string Example = "milestone dec 4 Sales reps quote from mobile";
        return a.Date("milestone date", Example) is { } date && a.Text(TextField.MilestoneText, Example) is { } text
            ? a.Result(new MilestoneCommand(date, text))
            : a.Failed;
    }

    public static ParseResult Lesson(Args a) =>
        a.Text(TextField.Lesson, "lesson Nobody owned testing the data migration") is { } text
            ? a.Result(new LessonCommand(text))
            : a.Failed;

    public static ParseResult Question(Args a) =>
        a.Text(TextField.Question, "question How do I export my pipeline?") is { } text
            ? a.Result(new QuestionCommand(text))
            : a.Failed;

    public static ParseResult Escalation(Args a) =>
        a.Text(TextField.Escalation, "escalation owner, then Sam after 2 days, then Dana") is { } text
            ? a.Result(new EscalationCommand(text))
            : a.Failed;

    public static ParseResult Review(Args a)
    {
        const string Example = "review fri 15:00";
        if (a.Date("review date", Example) is not { } date) return a.Failed;
        if (a.AtEnd) return a.Result(new ReviewCommand(date, null));
        return a.Time(Example) is { } time ? a.Done(new ReviewCommand(date, time)) : a.Failed;
    }

    public static ParseResult Settings(Args a)
    {
        if (a.Keyword("checkin")) return CheckinSettings(a);
        if (a.Keyword("tz"))
        {
            a.Usage = "settings tz <zone>";
            // The rest of the line, so Windows ids with spaces ("W. Europe Standard Time") work too.
            if (a.OptionalText(TextField.TimeZone) is not { } text) return a.Fail("Give the time zone, e.g. `settings tz Europe/Berlin`.");
            return a.Zone(text) is { } zone ? a.Result(new TimeZoneSettingsCommand(zone)) : a.Failed;
        }
        if (a.Keyword("followup")) return FollowUpSettings(a);
        return a.Fail("Say what to set, e.g. `settings checkin fri 16:00`, `settings tz Europe/Berlin` or `settings followup 14`.");
    }

    public const int MaxFollowUpDays = 90;

    private static ParseResult FollowUpSettings(Args a)
    {
        a.Usage = "settings followup <days>";
        if (a.Peek is not { } token) return a.Fail("Give the days from closure to the follow-up, e.g. `settings followup 14`.");
        if (!DateParser.TryNumber(token.Text, out var days) || days is < 1 or > MaxFollowUpDays)
        {
            return a.Fail($"{Echo.Quote(token.Text)} is not a number of days from 1 to {MaxFollowUpDays}, e.g. `settings followup 14`.");
        }
        a.Skip();
        return a.Done(new FollowUpSettingsCommand(days));
    }

    private static ParseResult CheckinSettings(Args a)
    {
        const string Example = "settings checkin fri 16:00";
        a.Usage = "settings checkin <weekday> <hh:mm>";
        if (a.Peek is not { } token) return a.Fail($"Give the weekday and time, e.g. `{Example}`.");
        if (!DateParser.TryWeekday(token.Text, out var day)) return a.Fail($"{Echo.Quote(token.Text)} is not a weekday; use `mon` to `fri`.");
        if (day is DayOfWeek.Saturday or DayOfWeek.Sunday) return a.Fail("Check-ins go out on business days; pick `mon` to `fri`.");
        a.Skip();
        if (a.Time(Example) is not { } time) return a.Failed;
        return time < QuietEnds || time >= QuietStarts
            ? a.Fail("That is in quiet hours (19:00–08:00); pick a time from 08:00 to 18:59.")
            : a.Done(new CheckinSettingsCommand(day, time));
    }
}
