using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

public sealed class SmallerPointsTests
{
    [Fact]
    public async Task SignOff_Batch_ByApprover_ClosesEveryVerifiedItemAtOnce()
    {
        var s = await FixReadyAsync();
        await s.Say(Ravi, "works G-1");
        var result = await s.Say(Dana, "signoff");
        Assert.Equal("Dana Ruiz signed off 1 verified item(s) and closed them: G-1.", Assert.Single(result.Lines));
        Assert.Equal(GapStatus.Closed, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task SignOff_Batch_ByMember_RefusedNamingWhoMayAct()
    {
        var s = await FixReadyAsync();
        await s.Say(Ravi, "works G-1");
        var commits = s.Store.Commits;
        var result = await s.Say(Max, "signoff");
        Assert.Equal("Only the approver, Dana Ruiz, signs off (`signoff` closes every verified item); the lead, Lena Ortiz, can post the sign-off card.", Assert.Single(result.Lines));
        Assert.Equal(commits, s.Store.Commits);
    }

    [Fact]
    public async Task Decision_SaysTheDateAndTimeInTheRecoverysZone()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "plan");
        var result = await s.Say(Dana, "approve CR-1");
        Assert.Contains("Approved by Dana Ruiz on Mon 30 Nov 2026 09:00.", Assert.Single(result.Lines), StringComparison.Ordinal);
        var again = await s.Say(Dana, "approve CR-1");
        Assert.Equal("CR-1 was already approved by Dana Ruiz on Mon 30 Nov 2026 09:00.", Assert.Single(again.Lines));
    }

    [Fact]
    public async Task Ready_PastTrainingDate_RefusedAndNothingChanges()
    {
        var s = await InProgressAsync();
        var result = await s.Say(Ana, $"ready G-1 retest {Mention(Ravi)} 2026-12-03 training 2026-11-27");
        Assert.Equal("Fri 27 Nov 2026 is in the past; pick a training date from today on.", Assert.Single(result.Lines));
        Assert.Equal(GapStatus.InProgress, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task History_ShowsRecoveryLevelEventsInTheRecoverysZone()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "freeze off");
        var line = Assert.Single((await s.Say(Max, "history")).Lines);
        Assert.StartsWith("History of \"Quotes rollout\", newest first (times in Europe/Berlin):", line, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026 09:00 — Lena Ortiz: freeze on → off", line, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026 09:00 — Lena Ortiz: approver Dana Ruiz", line, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026 09:00 — Lena Ortiz: started Quotes rollout", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsFollowup_MovesTheFollowUpCheckpoint()
    {
        var s = await RecoveryLifeTests.ClosedAsync();
        // Set before closing in a fresh walk: after closure the delay no longer changes.
        Assert.Contains("no longer applies", Assert.Single((await s.Say(Lena, "settings followup 7")).Lines), StringComparison.Ordinal);

        var t = await WithGapAsync();
        Assert.Equal("Only the lead, Lena Ortiz, can change the follow-up delay.", Assert.Single((await t.Say(Max, "settings followup 7")).Lines));
        Assert.Equal("The follow-up checkpoint is now posted 7 days after closure.", Assert.Single((await t.Say(Lena, "settings followup 7")).Lines));
        var r = (await t.Recovery()) with { Phase = RecoveryPhase.Closed, ClosedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) };
        var plan = SchedulePlanner.Plan(new ScheduleInput(r, [], []), r.ClosedAt!.Value, r.ClosedAt.Value.AddDays(8));
        var followUp = Assert.Single(plan.Due, o => o.Kind == PostKind.FollowUp);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero), followUp.DueAt);
        Assert.Contains("Lena Ortiz, Dana Ruiz: 7 days ago", followUp.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkin_ShowsMilestonesAndFrozenRequests_WithinTheWordBudget()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "milestone 2026-12-18 all quote defects verified");
        await s.Say(Max, "request Export the log to PDF");
        var card = Assert.Single((await s.Say(Max, "checkin preview")).Replies.OfType<Reply.Card>()).Doc;
        Assert.Contains(card.Sections, x => x.Heading == "Milestones ahead" && x.Lines.Single() == "Fri 18 Dec 2026 — all quote defects verified");
        Assert.Contains(card.Sections, x => x.Heading == "Frozen requests (in later)" && x.Lines.Single() == "G-2 Export the log to PDF");
        Assert.InRange(CheckinComposer.Words(card), 1, CheckinComposer.WordBudget);
    }
}
