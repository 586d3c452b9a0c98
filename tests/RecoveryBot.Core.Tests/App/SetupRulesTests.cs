using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

/// <summary>Roles, settings, questions and the log filters: rules that had no test of their own.</summary>
public sealed class SetupRulesTests
{
    [Fact]
    public async Task Lead_HandOver_NewLeadActsAndTheOldOneIsRefused()
    {
        var s = await WithGapAsync();
        var result = await s.Say(Lena, $"lead {Mention(Ana)}");
        Assert.Equal("Ana Silva is now the lead of \"Quotes rollout\" (handed over by Lena Ortiz).", Assert.Single(result.Lines));
        Assert.Equal(Ana, (await s.Recovery()).Lead);
        Assert.Equal("Only the lead, Ana Silva, can change the freeze.", Assert.Single((await s.Say(Lena, "freeze off")).Lines));
        Assert.Contains(s.Store.AllHistory(s.Id), e => e.What == "lead" && e.From == "Lena Ortiz" && e.To == "Ana Silva");
    }

    [Fact]
    public async Task Lead_ToTheApprover_Refused()
    {
        var s = await WithGapAsync();
        Assert.Equal("The approver cannot also be the lead.", Assert.Single((await s.Say(Lena, $"lead {Mention(Dana)}")).Lines));
        Assert.Equal(Lena, (await s.Recovery()).Lead);
    }

    [Fact]
    public async Task Approver_TheLead_Refused()
    {
        var s = await WithGapAsync();
        var commits = s.Store.Commits;
        Assert.Equal("The approver is on the client side and cannot be the lead.", Assert.Single((await s.Say(Lena, $"approver {Mention(Lena)}")).Lines));
        Assert.Equal(Dana, (await s.Recovery()).Approver);
        Assert.Equal(commits, s.Store.Commits);
    }

    [Fact]
    public async Task Question_AskedAgain_IsCountedAndShowsInTheCheckin()
    {
        var s = await WithGapAsync();
        await s.Say(Max, "question How do I export my pipeline?");
        var again = await s.Say(Ana, "question how do I   export my pipeline");
        Assert.Equal("That question has now been asked 2 times; it shows in the check-in as a training gap.", Assert.Single(again.Lines));
        Assert.Equal(2, Assert.Single((await s.Recovery()).Questions).Count);
        var card = Assert.Single((await s.Say(Max, "checkin preview")).Replies.OfType<Reply.Card>()).Doc;
        Assert.Contains(card.Sections, x => x.Heading == "Training gaps (asked again)" && x.Lines.Single() == "\"How do I export my pipeline?\" — asked 2×");
    }

    [Fact]
    public async Task Escalation_ByLead_IsStoredAndShownInThePlan()
    {
        var s = await WithGapAsync();
        Assert.Equal("Only the lead, Lena Ortiz, can set the escalation path.", Assert.Single((await s.Say(Max, "escalation Max then the CIO")).Lines));
        Assert.Equal("Escalation path: owner, then Sam after 2 days, then Dana.", Assert.Single((await s.Say(Lena, "escalation owner, then Sam after 2 days, then Dana")).Lines));
        Assert.Equal("owner, then Sam after 2 days, then Dana", (await s.Recovery()).EscalationPath);
        var plan = Assert.Single((await s.Say(Lena, "plan")).Replies.OfType<Reply.Card>()).Doc;
        Assert.Contains(plan.Sections.SelectMany(x => x.Lines), d => d.Contains("owner, then Sam after 2 days, then Dana", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Checkin_PreviewForAnyone_PostOnlyByTheLead()
    {
        var s = await WithGapAsync();
        var preview = Assert.Single((await s.Say(Max, "checkin preview")).Replies.OfType<Reply.Card>());
        Assert.Equal(Audience.Actor, preview.To);
        Assert.Equal("Only the lead, Lena Ortiz, can post the check-in now (anyone can `checkin preview`).", Assert.Single((await s.Say(Max, "checkin")).Lines));
        Assert.Equal(Audience.Channel, Assert.Single((await s.Say(Lena, "checkin")).Replies.OfType<Reply.Card>()).To);
    }

    [Fact]
    public async Task Settings_CheckinAndTimeZone_ChangeTheRecovery()
    {
        var s = await WithGapAsync();
        Assert.Equal("The check-in is now posted every Monday at 09:30 (Europe/Berlin).", Assert.Single((await s.Say(Lena, "settings checkin mon 9:30")).Lines));
        Assert.Equal("Dates and scheduled posts now use America/New_York.", Assert.Single((await s.Say(Lena, "settings tz America/New_York")).Lines));
        var r = await s.Recovery();
        Assert.Equal((DayOfWeek.Monday, new TimeOnly(9, 30), "America/New_York"), (r.CheckinDay, r.CheckinTime, r.TimeZone));
        Assert.Equal("Only the lead, Lena Ortiz, can change the time zone.", Assert.Single((await s.Say(Max, "settings tz UTC")).Lines));
    }

    [Fact]
    public async Task Log_FiltersMineOverdueAndLater()
    {
        var s = await InProgressAsync();                                       // G-1 Ana, due Fri 4 Dec
        await s.Say(Max, "request Export the log to PDF");                      // G-2 in later
        await s.Say(Max, "gap Totals round wrongly");                           // G-3 open, nobody's
        s.Time.Advance(TimeSpan.FromDays(5));                                   // Sat 5 Dec: G-1 overdue
        Assert.Equal(new[] { 1 }, await Rows(s, Ana, "log mine"));
        Assert.Equal(new[] { 1 }, await Rows(s, Max, "log overdue"));
        Assert.Equal(new[] { 2 }, await Rows(s, Max, "log later"));
        Assert.Equal(new[] { 1, 3, 2 }, await Rows(s, Max, "log all"));
    }

    private static async Task<int[]> Rows(Fakes.Scenario s, UserRef who, string command)
    {
        var card = Assert.Single((await s.Say(who, command)).Replies.OfType<Reply.Card>()).Doc;
        return [.. card.Sections.SelectMany(x => x.Lines).Where(l => l.StartsWith("G-", StringComparison.Ordinal))
            .Select(l => int.Parse(l[2..l.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture))];
    }
}
