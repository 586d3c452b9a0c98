using RecoveryBot.Core.Commands;

namespace RecoveryBot.Core.Tests.Commands;

public class CommandParserErrorTests
{
    private const string NotADate = "is not a date; use `2026-12-04`, `today`, `tomorrow`, `fri`, `+3d` or `dec 4`.";

    [Theory]
    [InlineData("assign", "Say which item, e.g. `assign G-7 @Ana fri`.")]
    [InlineData("assign G-7 ana fri", "Mention the owner with @, e.g. `assign G-7 @Ana fri`.")]
    [InlineData("assign G-7 @Ana fri", "`@Ana` is not a mention; pick the owner from the @ list, e.g. `assign G-7 @Ana fri`.")]
    [InlineData("assign G-7 <@U 1> fri", "`<@U` is not a mention; pick the owner from the @ list, e.g. `assign G-7 @Ana fri`.")]
    [InlineData("assign G-999999999999 <@U1|Ana> fri", "`G-999999999999` is not a gap id; ids look like `G-7`.")]
    [InlineData("assign G-0 <@U1|Ana> fri", "`G-0` is not a gap id; ids look like `G-7`.")]
    [InlineData("assign 7 <@U1|Ana> fri", "`7` is not a gap id; ids look like `G-7`.")]
    [InlineData("assign G-7 <@U1|Ana>", "Give the due date, e.g. `assign G-7 @Ana fri`.")]
    [InlineData("assign G-7 <@U1|Ana> someday", "`someday` " + NotADate)]
    [InlineData("assign G-7 <@U1|Ana> 2026-02-30", "`2026-02-30` is not a real date.")]
    [InlineData("assign G-7 <@U1|Ana> feb 30", "`feb 30` is not a real date.")]
    [InlineData("assign G-7 <@U1|Ana> fri extra", "Unexpected `extra` after `assign G-7 @Ana fri`.")]
    [InlineData("begin", "Say which item, e.g. `begin G-7`.")]
    [InlineData("begin G-7 now", "Unexpected `now` after `begin G-7`.")]
    [InlineData("ready G-7 retest <@U2|Ben>", "Give the retest date, e.g. `ready G-7 retest @Ana thu`.")]
    [InlineData("ready G-7 retest ben thu", "Mention the retester with @, e.g. `ready G-7 retest @Ana thu`.")]
    [InlineData("ready G-7 retest <@U2|Ben> thu training", "Give the training date, e.g. `ready G-7 retest @Ana thu training fri`.")]
    [InlineData("ready G-7 retest <@U2|Ben> thu soon", "Unexpected `soon` after `ready G-7 retest @Ben thu`.")]
    [InlineData("trained", "Say which item, e.g. `trained G-7 sales team, 12 people`.")]
    [InlineData("works G-7 yes", "Unexpected `yes` after `works G-7`.")]
    [InlineData("broken G-7", "Add the note, e.g. `broken G-7 quotes still fail on mobile`.")]
    [InlineData("due G-7 fri", "Add the reason, e.g. `due G-7 fri because the vendor fix slipped`.")]
    [InlineData("due G-7 fri because", "Add the reason, e.g. `due G-7 fri because the vendor fix slipped`.")]
    [InlineData("due G-7 because late", "`because` " + NotADate)]
    [InlineData("defer", "Say which item, e.g. `defer G-7`.")]
    [InlineData("now G-7 please", "Unexpected `please` after `now G-7`.")]
    [InlineData("decline G-7", "Add the reason, e.g. `decline G-7 works as agreed in the contract`.")]
    [InlineData("freeze", "Say `freeze on` or `freeze off`.")]
    [InlineData("freeze maybe", "`maybe` is not on or off; say `freeze on` or `freeze off`.")]
    [InlineData("plan now", "Unexpected `now` after `plan`.")]
    [InlineData("ownership please", "Unexpected `please` after `ownership`.")]
    [InlineData("milestone Go live", "`Go` " + NotADate)]
    [InlineData("milestone dec 4", "Add the milestone text, e.g. `milestone dec 4 Sales reps quote from mobile`.")]
    [InlineData("lesson", "Add the lesson, e.g. `lesson Nobody owned testing the data migration`.")]
    [InlineData("question", "Add the question, e.g. `question How do I export my pipeline?`.")]
    [InlineData("escalation", "Add the escalation path, e.g. `escalation owner, then Sam after 2 days, then Dana`.")]
    [InlineData("review", "Give the review date, e.g. `review fri 15:00`.")]
    [InlineData("review fri 25:00", "`25:00` is not a time; use `16:00`, `9:30` or `4pm`.")]
    [InlineData("review fri 15:00 sharp", "Unexpected `sharp` after `review fri 15:00`.")]
    [InlineData("log everything", "`everything` is not a log filter; use `open`, `mine`, `overdue`, `later` or `all`.")]
    [InlineData("log all page", "Give the page number, e.g. `log all page 2`.")]
    [InlineData("log page 0", "`0` is not a page number, e.g. `log all page 2`.")]
    [InlineData("show G-x", "`G-x` is not a gap id; ids look like `G-7`.")]
    [InlineData("mine please", "Unexpected `please` after `mine`.")]
    [InlineData("checkin now", "Unexpected `now` after `checkin`.")]
    [InlineData("summary please", "Unexpected `please` after `summary`.")]
    [InlineData("gonogo G-7", "Unexpected `G-7` after `gonogo`.")]
    [InlineData("close now", "Unexpected `now` after `close`.")]
    [InlineData("settings", "Say what to set, e.g. `settings checkin fri 16:00`, `settings tz Europe/Berlin` or `settings followup 14`.")]
    [InlineData("scope G-7", "Say which part to change: `title`, `expected`, `actual` or `impact`, e.g. `scope G-7 expected Reps send quotes from the phone app`.")]
    [InlineData("scope G-7 colour red", "`colour` is not part of an item's scope; use `title`, `expected`, `actual` or `impact`, e.g. `scope G-7 expected Reps send quotes from the phone app`.")]
    [InlineData("start", "Add the name, e.g. `start Acme CRM recovery tz Europe/Berlin`.")]
    [InlineData("start Acme tz", "Give a value after `tz`, e.g. `start Acme CRM recovery tz Europe/Berlin`.")]
    [InlineData("start Acme tz Mars/Base", "Unknown time zone `Mars/Base`; use an IANA id such as `Europe/Berlin` or `America/New_York`.")]
    [InlineData("start Acme tz localtime", "Unknown time zone `localtime`; use an IANA id such as `Europe/Berlin` or `America/New_York`.")]
    [InlineData("approver dana", "Mention the approver with @, e.g. `approver @Dana`.")]
    [InlineData("lead", "Mention the new lead with @, e.g. `lead @Sam`.")]
    [InlineData("request", "Add the title, e.g. `request Export quotes to CSV`.")]
    [InlineData("approve", "Say which change request, e.g. `approve CR-3`.")]
    [InlineData("approve 3", "`3` is not a change request id; they look like `CR-3`.")]
    [InlineData("approve CR-0", "`CR-0` is not a change request id; they look like `CR-3`.")]
    [InlineData("reject CR-3", "Add the reason, e.g. `reject CR-3 the plan has no retest dates`.")]
    [InlineData("signoff everything", "`everything` is not a gap id; ids look like `G-7`.")]
    [InlineData("signoff G-7 G-8", "Unexpected `G-8` after `signoff G-7`.")]
    public void Parse_WrongArguments_ReturnsMessageAndCommandUsage(string input, string message)
    {
        var error = Assert.IsType<ParseResult.Error>(CommandParser.Parse(input));

        Assert.Equal(message, error.Message);
        Assert.Equal(CommandCatalog.Find(input.Split(' ')[0])!.Usage, error.Usage);
    }

    [Theory]
    [InlineData("settings checkin", "Give the weekday and time, e.g. `settings checkin fri 16:00`.", "settings checkin <weekday> <hh:mm>")]
    [InlineData("settings checkin fri", "Give the time, e.g. `settings checkin fri 16:00`.", "settings checkin <weekday> <hh:mm>")]
    [InlineData("settings checkin someday 10:00", "`someday` is not a weekday; use `mon` to `fri`.", "settings checkin <weekday> <hh:mm>")]
    [InlineData("settings checkin sat 10:00", "Check-ins go out on business days; pick `mon` to `fri`.", "settings checkin <weekday> <hh:mm>")]
    [InlineData("settings checkin fri 19:00", "That is in quiet hours (19:00–08:00); pick a time from 08:00 to 18:59.", "settings checkin <weekday> <hh:mm>")]
    [InlineData("settings checkin fri 7:59", "That is in quiet hours (19:00–08:00); pick a time from 08:00 to 18:59.", "settings checkin <weekday> <hh:mm>")]
    [InlineData("settings followup", "Give the days from closure to the follow-up, e.g. `settings followup 14`.", "settings followup <days>")]
    [InlineData("settings followup 0", "`0` is not a number of days from 1 to 90, e.g. `settings followup 14`.", "settings followup <days>")]
    [InlineData("settings followup soon", "`soon` is not a number of days from 1 to 90, e.g. `settings followup 14`.", "settings followup <days>")]
    [InlineData("settings tz", "Give the time zone, e.g. `settings tz Europe/Berlin`.", "settings tz <zone>")]
    [InlineData("settings tz Mars/Base", "Unknown time zone `Mars/Base`; use an IANA id such as `Europe/Berlin` or `America/New_York`.", "settings tz <zone>")]
    [InlineData("settings tz right/Europe/Berlin", "Unknown time zone `right/Europe/Berlin`; use an IANA id such as `Europe/Berlin` or `America/New_York`.", "settings tz <zone>")]
    [InlineData("settings tz UTC now", "Unknown time zone `UTC now`; use an IANA id such as `Europe/Berlin` or `America/New_York`.", "settings tz <zone>")]
    public void Parse_WrongSettings_ReturnsMessageAndSubformUsage(string input, string message, string usage)
    {
        var error = Assert.IsType<ParseResult.Error>(CommandParser.Parse(input));

        Assert.Equal(message, error.Message);
        Assert.Equal(usage, error.Usage);
    }

    [Theory]
    [InlineData("request ", 201, "Title is too long (max 200 characters).")]
    [InlineData("gap ", 201, "Title is too long (max 200 characters).")]
    [InlineData("start ", 201, "Name is too long (max 200 characters).")]
    [InlineData("milestone fri ", 201, "Milestone text is too long (max 200 characters).")]
    [InlineData("broken G-7 ", 1001, "Note is too long (max 1000 characters).")]
    [InlineData("trained G-7 ", 1001, "Note is too long (max 1000 characters).")]
    [InlineData("decline G-7 ", 1001, "Reason is too long (max 1000 characters).")]
    [InlineData("due G-7 fri because ", 1001, "Reason is too long (max 1000 characters).")]
    [InlineData("lesson ", 1001, "Lesson is too long (max 1000 characters).")]
    [InlineData("question ", 10_000, "Question is too long (max 1000 characters).")]
    public void Parse_TextOverLimit_ReturnsTooLongInsteadOfTruncating(string prefix, int length, string message)
    {
        var error = Assert.IsType<ParseResult.Error>(CommandParser.Parse(prefix + new string('x', length)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_InputOverHardLimit_ReturnsTooLong()
    {
        var error = Assert.IsType<ParseResult.Error>(CommandParser.Parse("gap " + new string('x', CommandParser.MaxInputLength)));

        Assert.StartsWith("That message is too long for a command", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_ErrorWithUsage_AppendsTheRightForm()
    {
        var error = Assert.IsType<ParseResult.Error>(CommandParser.Parse("assign G-7 ana fri"));

        Assert.Equal("Mention the owner with @, e.g. `assign G-7 @Ana fri`. Write it as `assign G-7 @user <date>`.", error.Line);
    }
}
