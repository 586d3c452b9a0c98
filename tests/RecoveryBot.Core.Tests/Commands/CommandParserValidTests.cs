using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Tests.Commands;

public class CommandParserValidTests
{
    private static readonly UserRef Ana = new("U1", "Ana");
    private static readonly UserRef Ben = new("U2", "Ben Ortiz");
    private static readonly GapId G7 = new(7);
    private static readonly DateSpec Fri = new DateSpec.Next(DayOfWeek.Friday);
    private static readonly DateSpec Thu = new DateSpec.Next(DayOfWeek.Thursday);

    public static TheoryData<string, ChatCommand> ValidForms => new()
    {
        { "help", new HelpCommand(null) },
        { "", new HelpCommand(null) },
        { "/recovery", new HelpCommand(null) },
        { "?", new HelpCommand(null) },
        { "help assign", new HelpCommand("assign") },
        { "HELP Assign G-7", new HelpCommand("assign") },
        { "help go/no-go", new HelpCommand("gonogo") },
        { "help xyz", new HelpCommand("xyz") },
        { "start Acme CRM recovery", new StartCommand("Acme CRM recovery", null) },
        { "start Acme CRM recovery tz Europe/Berlin", new StartCommand("Acme CRM recovery", "Europe/Berlin") },
        { "start Acme tz europe/berlin", new StartCommand("Acme", "Europe/Berlin") },
        { "start Fix tz handling tz utc", new StartCommand("Fix tz handling", "UTC") },
        { "/recovery start Acme", new StartCommand("Acme", null) },
        { "<@UBOT> start Acme", new StartCommand("Acme", null) },
        { "<@UBOT|RecoveryBot>", new HelpCommand(null) },
        { "  /RECOVERY   START   Acme\tCRM\r\n ", new StartCommand("Acme CRM", null) },
        { "approver <@U123ABC>", new SetApproverCommand(new UserRef("U123ABC", "U123ABC")) },
        { "Approver <@U123ABC|dana>", new SetApproverCommand(new UserRef("U123ABC", "dana")) },
        { "lead <@29:1abc-DEF_x.y|Sam Lee>", new SetLeadCommand(new UserRef("29:1abc-DEF_x.y", "Sam Lee")) },
        { "ownership", new OwnershipCommand(null) },
        { "gap", new ReportCommand(GapKind.Defect, null) },
        { "gap Sales reps cannot send quotes from mobile", new ReportCommand(GapKind.Defect, "Sales reps cannot send quotes from mobile") },
        { "gap scope: Reps expected offline mode", new ReportCommand(GapKind.Scope, "Reps expected offline mode") },
        { "gap TRUST: Nobody answered for a week", new ReportCommand(GapKind.Trust, "Nobody answered for a week") },
        { "gap defect: Export fails", new ReportCommand(GapKind.Defect, "Export fails") },
        { "gap scope:", new ReportCommand(GapKind.Scope, null) },
        { "gap Login fails for <@U1|Ana>\nsince Monday", new ReportCommand(GapKind.Defect, "Login fails for @Ana since Monday") },
        { "gap " + new string('x', 200), new ReportCommand(GapKind.Defect, new string('x', 200)) },
        { "request Export quotes to CSV", new ReportCommand(GapKind.Request, "Export quotes to CSV") },
        { "assign G-7 <@U1|Ana> fri", new AssignCommand(G7, Ana, Fri) },
        { "assign g-7 <@U1|Ana> 2026-12-04", new AssignCommand(G7, Ana, new DateSpec.Exact(new DateOnly(2026, 12, 4))) },
        { "ASSIGN G-12 <@U1|Ana> dec 4", new AssignCommand(new GapId(12), Ana, new DateSpec.MonthDay(12, 4)) },
        { "assign G-7 <@U1|Ana> in 3 days", new AssignCommand(G7, Ana, new DateSpec.InDays(3)) },
        { "assign G-9999999 <@U1|Ana> +2w", new AssignCommand(new GapId(9_999_999), Ana, new DateSpec.InDays(14)) },
        { "begin G-7", new BeginCommand(G7) },
        { "ready G-7 retest <@U2|Ben Ortiz> thu", new ReadyCommand(G7, Ben, Thu, null, null) },
        { "ready G-7 <@U2|Ben Ortiz> thu", new ReadyCommand(G7, Ben, Thu, null, null) },
        { "ready G-7 retest <@U2|Ben Ortiz> thu training fri", new ReadyCommand(G7, Ben, Thu, Fri, null) },
        { "ready g-7 RETEST <@U2|Ben Ortiz> thu TRAINING fri Sales team, room 2", new ReadyCommand(G7, Ben, Thu, Fri, "Sales team, room 2") },
        { "trained G-7", new TrainedCommand(G7, null) },
        { "trained G-7 12 people, all reps", new TrainedCommand(G7, "12 people, all reps") },
        { "works G-7", new WorksCommand(G7) },
        { "broken G-7 still fails on mobile", new BrokenCommand(G7, "still fails on mobile") },
        { "broken G-7 " + new string('n', 1000), new BrokenCommand(G7, new string('n', 1000)) },
        { "due G-7 fri because vendor fix slipped", new MoveDueCommand(G7, Fri, "vendor fix slipped") },
        { "due G-7 +1w vendor fix slipped", new MoveDueCommand(G7, new DateSpec.InDays(7), "vendor fix slipped") },
        { "due G-7 4 dec because of the freeze", new MoveDueCommand(G7, new DateSpec.MonthDay(12, 4), "of the freeze") },
        { "defer G-7", new MoveBucketCommand(G7, Bucket.Later) },
        { "now G-7", new MoveBucketCommand(G7, Bucket.Now) },
        { "decline G-7 works as designed", new DeclineCommand(G7, "works as designed") },
        { "freeze on", new FreezeCommand(true) },
        { "freeze OFF", new FreezeCommand(false) },
        { "plan", new PlanCommand() },
        { "milestone dec 4 Sales live on mobile", new MilestoneCommand(new DateSpec.MonthDay(12, 4), "Sales live on mobile") },
        { "milestone 2026-12-04 Go live", new MilestoneCommand(new DateSpec.Exact(new DateOnly(2026, 12, 4)), "Go live") },
        { "lesson Nobody owned migration testing", new LessonCommand("Nobody owned migration testing") },
        { "question How do I export my pipeline?", new QuestionCommand("How do I export my pipeline?") },
        { "review fri", new ReviewCommand(Fri, null) },
        { "review fri 15:00", new ReviewCommand(Fri, new TimeOnly(15, 0)) },
        { "review 2026-12-04 9:30", new ReviewCommand(new DateSpec.Exact(new DateOnly(2026, 12, 4)), new TimeOnly(9, 30)) },
        { "review tomorrow 4pm", new ReviewCommand(new DateSpec.InDays(1), new TimeOnly(16, 0)) },
        { "escalation owner, then Sam after 2 days, then Dana", new EscalationCommand("owner, then Sam after 2 days, then Dana") },
        { "log", new LogCommand(LogFilter.Open) },
        { "log open", new LogCommand(LogFilter.Open) },
        { "log mine", new LogCommand(LogFilter.Mine) },
        { "mine", new MineCommand() },
        { "MINE", new MineCommand() },
        { "/recovery mine", new MineCommand() },
        { "log OVERDUE", new LogCommand(LogFilter.Overdue) },
        { "log later", new LogCommand(LogFilter.Later) },
        { "log all page 2", new LogCommand(LogFilter.All, 2) },
        { "log page 3", new LogCommand(LogFilter.Open, 3) },
        { "show g-7", new ShowCommand(G7) },
        { "show cr-3", new ShowChangeCommand(3) },
        { "checkin", new CheckinCommand(false) },
        { "checkin preview", new CheckinCommand(true) },
        { "check-in preview", new CheckinCommand(true) },
        { "summary", new SummaryCommand(false) },
        { "summary rotate", new SummaryCommand(true) },
        { "retro", new RetroCommand() },
        { "RETRO", new RetroCommand() },
        { "gonogo", new GoNoGoCommand() },
        { "go/no-go", new GoNoGoCommand() },
        { "go-no-go", new GoNoGoCommand() },
        { "GoNoGo", new GoNoGoCommand() },
        { "close", new CloseCommand() },
        { "settings checkin fri 16:00", new CheckinSettingsCommand(DayOfWeek.Friday, new TimeOnly(16, 0)) },
        { "settings checkin Monday 9:30", new CheckinSettingsCommand(DayOfWeek.Monday, new TimeOnly(9, 30)) },
        { "settings checkin thurs 8:00", new CheckinSettingsCommand(DayOfWeek.Thursday, new TimeOnly(8, 0)) },
        { "settings tz America/New_York", new TimeZoneSettingsCommand("America/New_York") },
        { "settings tz UTC", new TimeZoneSettingsCommand("UTC") },
        { "settings followup 21", new FollowUpSettingsCommand(21) },
        { "scope G-7 expected Reps send quotes from the phone", new ScopeCommand(G7, ScopeField.Expected, "Reps send quotes from the phone") },
        { "scope g-7 TITLE Quotes fail on mobile", new ScopeCommand(G7, ScopeField.Title, "Quotes fail on mobile") },
        { "scope G-7 impact 40 reps", new ScopeCommand(G7, ScopeField.Impact, "40 reps") },
        { "scope G-7 actual It spins", new ScopeCommand(G7, ScopeField.Actual, "It spins") },
        { "history", new HistoryCommand() },
        { "recoveries", new RecoveriesCommand() },
        { "settings tz CET", new TimeZoneSettingsCommand("CET") },
        { "settings tz W. Europe Standard Time", new TimeZoneSettingsCommand("Europe/Berlin") },
        { "approve CR-3", new ApproveCommand(3) },
        { "approve cr-12", new ApproveCommand(12) },
        { "reject CR-3 the plan has no retest dates", new RejectCommand(3, "the plan has no retest dates") },
        { "signoff", new SignOffCommand(null) },
        { "signoff G-7", new SignOffCommand(G7) },
        { "sign-off G-7", new SignOffCommand(G7) },
    };

    [Theory]
    [MemberData(nameof(ValidForms))]
    public void Parse_ValidForm_ReturnsCommand(string input, ChatCommand expected)
    {
        var result = CommandParser.Parse(input);

        var ok = Assert.IsType<ParseResult.Ok>(result);
        Assert.Equal(expected, ok.Command);
    }

    [Fact]
    public void Parse_Null_ReturnsHelp() =>
        Assert.Equal(new ParseResult.Ok(new HelpCommand(null)), CommandParser.Parse(null));

    [Theory]
    [InlineData("gap Quotes\u0000fail\u0007 on\u202E mobile", "Quotes fail on mobile")]
    [InlineData("gap \u200BQuotes  \u2028fail", "Quotes fail")]
    [InlineData("gap 👩‍💻 cannot log in", "👩‍💻 cannot log in")]
    public void Parse_TitleWithControlOrInvisibleCharacters_CleansText(string input, string title)
    {
        var ok = Assert.IsType<ParseResult.Ok>(CommandParser.Parse(input));
        Assert.Equal(title, Assert.IsType<ReportCommand>(ok.Command).Title);
    }

    [Fact]
    public void Parse_TitleWithLoneSurrogate_ReplacesItWithReplacementCharacter()
    {
        // Built in code: attribute arguments cannot carry a lone surrogate.
        var ok = Assert.IsType<ParseResult.Ok>(CommandParser.Parse("gap Pay" + (char)0xD800 + "ment"));
        Assert.Equal("Pay\uFFFDment", Assert.IsType<ReportCommand>(ok.Command).Title);
    }
}
