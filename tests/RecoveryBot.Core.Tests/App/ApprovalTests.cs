using RecoveryBot.Core.Model;
using RecoveryBot.Core.Tests.Fakes;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

public sealed class ApprovalTests
{
    [Fact]
    public async Task Request_WhileFrozen_LandsInLater()
    {
        var s = await WithGapAsync();
        var result = await s.Say(Max, "request Export the log to PDF");
        var g = await s.Gap(2);
        Assert.Equal(GapKind.Request, g.Kind);
        Assert.Equal(Bucket.Later, g.Bucket);
        Assert.Contains(result.Lines, l => l.Contains("frozen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_AfterFreezeOff_LandsInNow()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "freeze off");
        await s.Say(Max, "request Export the log to PDF");
        Assert.Equal(Bucket.Now, (await s.Gap(2)).Bucket);
    }

    [Fact]
    public async Task Freeze_ByMember_Refused()
    {
        var s = await WithGapAsync();
        var result = await s.Say(Max, "freeze off");
        Assert.Equal("Only the lead, Lena Ortiz, can change the freeze.", Assert.Single(result.Lines));
        Assert.True((await s.Recovery()).Frozen);
    }

    [Fact]
    public async Task Now_LaterItem_CreatesChangeRequestAndDoesNotMoveUntilApproved()
    {
        var s = await WithGapAsync();
        await s.Say(Max, "request Export the log to PDF");
        var result = await s.Say(Lena, "now G-2");
        Assert.Equal(Bucket.Later, (await s.Gap(2)).Bucket);
        var card = Assert.Single(result.Replies.OfType<Reply.Card>()).Doc;
        Assert.StartsWith("Change request CR-1", card.Title, StringComparison.Ordinal);
        Assert.Equal(1, card.AwaitsDecisionOf);
        Assert.Equal([CardVerbs.Approve, CardVerbs.Reject], card.Actions.Select(a => a.Verb));

        var byLead = await s.Say(Lena, "approve CR-1");
        Assert.Equal("Only the approver, Dana Ruiz, can approve.", Assert.Single(byLead.Lines));
        Assert.Equal(Bucket.Later, (await s.Gap(2)).Bucket);

        await s.Say(Dana, "approve CR-1");
        Assert.Equal(Bucket.Now, (await s.Gap(2)).Bucket);
        Assert.Equal(ApprovalState.Approved, (await s.Change(1)).State);
    }

    [Fact]
    public async Task Defer_WithoutApprover_Refused()
    {
        var s = new Scenario();
        await s.Say(Lena, "start Rollout");
        await s.Say(Max, "gap Broken export");
        var result = await s.Say(Lena, "defer G-1");
        Assert.Contains("Name the approver first", Assert.Single(result.Lines), StringComparison.Ordinal);
        Assert.Equal(Bucket.Now, (await s.Gap(1)).Bucket);
    }

    [Fact]
    public async Task Defer_Twice_SecondRefusedWhilePending()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "defer G-1");
        var result = await s.Say(Lena, "defer G-1");
        Assert.Equal("CR-1 for G-1 is already waiting for Dana Ruiz.", Assert.Single(result.Lines));
    }

    [Fact]
    public async Task Reject_ByApprover_KeepsBucketAndReason()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "defer G-1");
        await s.Say(Dana, "reject CR-1 this blocks daily use");
        var cr = await s.Change(1);
        Assert.Equal(ApprovalState.Rejected, cr.State);
        Assert.Equal("this blocks daily use", cr.Reason);
        Assert.Equal(Bucket.Now, (await s.Gap(1)).Bucket);
    }

    [Fact]
    public async Task Approve_AlreadyDecided_SaysWhoDecided()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "defer G-1");
        await s.Say(Dana, "approve CR-1");
        var again = await s.Say(Dana, "reject CR-1 changed my mind");
        Assert.StartsWith("CR-1 was already approved by Dana Ruiz", Assert.Single(again.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ApprovedByApprover_MovesToRecoveryPhase()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "milestone 2026-12-18 all quote defects verified");
        var plan = await s.Say(Lena, "plan");
        var card = Assert.Single(plan.Replies.OfType<Reply.Card>()).Doc;
        var details = card.Sections.SelectMany(s => s.Lines).ToList();
        Assert.Contains(details, d => d.Contains("all quote defects verified", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("G-1", StringComparison.Ordinal));
        Assert.DoesNotContain(details, d => d.StartsWith('•'));
        await s.Say(Dana, "approve CR-1");
        Assert.Equal(RecoveryPhase.Recovery, (await s.Recovery()).Phase);
    }

    [Fact]
    public async Task Approve_WithRememberedCard_UpdatesCardInPlace()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "plan");
        await s.Service.RememberCardAsync(s.Channel, new CardDoc { Title = "CR", Summary = "CR", AwaitsDecisionOf = 1 }, "msg-42", CancellationToken.None);
        var result = await s.Click(Dana, CardVerbs.Approve, null, 1, 0);
        var update = Assert.Single(result.Replies.OfType<Reply.UpdateCard>());
        Assert.Equal("msg-42", update.MessageId);
        var card = update.Doc;
        Assert.Empty(card.Actions);
        Assert.Null(card.AwaitsDecisionOf);
        Assert.Equal((Tone.Good, true), (card.Banner!.Tone, card.Banner.Text.StartsWith("Approved by Dana Ruiz on ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RememberCard_AfterTheDecision_ReturnsTheDecidedCard_SoTheLateCardLosesItsButtons()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "plan");
        await s.Click(Dana, CardVerbs.Approve, null, 1, 0);

        var decided = await s.Service.RememberCardAsync(s.Channel, new CardDoc { Title = "CR", Summary = "CR", AwaitsDecisionOf = 1 }, "msg-43", CancellationToken.None);

        Assert.NotNull(decided);
        Assert.Empty(decided.Actions);
        Assert.StartsWith("Approved by Dana Ruiz on ", decided.Banner!.Text, StringComparison.Ordinal);
        Assert.Null(await s.Service.RememberCardAsync(s.Channel, new CardDoc { Title = "CR", Summary = "CR", AwaitsDecisionOf = 2 }, "msg-44", CancellationToken.None));
    }

    [Fact]
    public async Task SignOff_ByNonApprover_Refused()
    {
        var s = await FixReadyAsync();
        await s.Say(Ravi, "works G-1");
        var result = await s.Say(Lena, "signoff G-1");
        Assert.Equal("Only the approver, Dana Ruiz, can sign off items.", Assert.Single(result.Lines));
        Assert.Equal(GapStatus.Verified, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task SignOff_Batch_ClosesEveryVerifiedItemOnApproval()
    {
        var s = await FixReadyAsync();
        await s.Say(Ravi, "works G-1");
        await s.Say(Lena, "signoff");
        await s.Say(Dana, "approve CR-1");
        Assert.Equal(GapStatus.Closed, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task Close_WhileGoNoGoFails_RefusedWithBlockers()
    {
        var s = await FixReadyAsync();
        var result = await s.Say(Lena, "close");
        var line = Assert.Single(result.Lines);
        Assert.StartsWith("Not ready to close:", line, StringComparison.Ordinal);
        Assert.Contains("not yet verified by its retester, Ravi Mehta", line, StringComparison.Ordinal);
        Assert.Equal(RecoveryPhase.Triage, (await s.Recovery()).Phase);
    }

    [Fact]
    public async Task Close_WhenGoNoGoPasses_ApproverClosesRecovery()
    {
        var s = await FixReadyAsync();
        await s.Say(Ravi, "works G-1");
        await s.Say(Dana, "signoff G-1");
        await s.Say(Lena, "review 2026-12-14 10:00");
        await s.Say(Lena, "lesson requirements were never retested with real users");
        var go = await s.Say(Max, "gonogo");
        Assert.Equal(Tone.Good, Assert.Single(go.Replies.OfType<Reply.Card>()).Doc.Banner!.Tone);
        await s.Say(Lena, "close");
        var closed = await s.Say(Dana, "approve CR-1");
        var r = await s.Recovery();
        Assert.Equal(RecoveryPhase.Closed, r.Phase);
        Assert.NotNull(r.ClosedAt);
        Assert.Contains(closed.Lines, l => l.StartsWith("Recovery closed. A retrospective", StringComparison.Ordinal) && l.EndsWith($"/recoveries/{r.Id}/retro.md?g=0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retro_LeadGetsTheSignedDraftLink_OthersAreRefused()
    {
        var s = await WithGapAsync();
        var lead = await s.Say(Lena, "retro");
        Assert.Contains(lead.Lines, l => l.Contains($"https://bot.test/recoveries/{s.Id}/retro.md", StringComparison.Ordinal));
        var member = await s.Say(Max, "retro");
        Assert.Contains(member.Lines, l => l.Contains("draft the retrospective", StringComparison.Ordinal) && !l.Contains("retro.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GoNoGo_ListsEveryKindOfBlocker()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "defer G-1");
        var result = await s.Say(Max, "gonogo");
        var card = Assert.Single(result.Replies.OfType<Reply.Card>()).Doc;
        Assert.Equal(Tone.Attention, card.Banner!.Tone);
        var blockers = Assert.Single(card.Sections).Lines;
        Assert.Contains("G-1 has no owner and no due date", blockers);
        Assert.Contains(blockers, b => b.StartsWith("no next review", StringComparison.Ordinal));
        Assert.Contains(blockers, b => b.StartsWith("CR-1", StringComparison.Ordinal));
        Assert.Contains(blockers, b => b.StartsWith("no lesson", StringComparison.Ordinal));
    }
}
