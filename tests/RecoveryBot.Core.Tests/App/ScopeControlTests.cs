using RecoveryBot.Core.Model;
using RecoveryBot.Core.Tests.Fakes;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

public sealed class ScopeControlTests
{
    private static async Task<Scenario> LaterItemAsync()
    {
        var s = await WithGapAsync();
        await s.Say(Max, "request Export the log to PDF");                      // G-2, in later while frozen
        return s;
    }

    [Fact]
    public async Task Assign_LaterItem_RefusedUntilItsMoveIsApproved()
    {
        var s = await LaterItemAsync();
        var commits = s.Store.Commits;
        var refused = await s.Say(Lena, $"assign G-2 {Mention(Ana)} 2026-12-04");
        Assert.Equal("G-2 is in later, outside the agreed recovery; work starts once Dana Ruiz approves its move: ask with `now G-2`.", Assert.Single(refused.Lines));
        Assert.Equal(commits, s.Store.Commits);

        await s.Say(Lena, "now G-2");
        await s.Say(Dana, "approve CR-1");
        await s.Say(Lena, $"assign G-2 {Mention(Ana)} 2026-12-04");
        Assert.Equal(GapStatus.Planned, (await s.Gap(2)).Status);
    }

    [Fact]
    public async Task BeginAndReady_ItemDeferredToLater_Refused()
    {
        var s = await InProgressAsync();
        await s.Say(Lena, "defer G-1");
        await s.Say(Dana, "approve CR-1");
        Assert.StartsWith("G-1 is in later", Assert.Single((await s.Say(Ana, $"ready G-1 retest {Mention(Ravi)} 2026-12-03")).Lines), StringComparison.Ordinal);
        Assert.Equal(GapStatus.InProgress, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task Scope_BeforePlanApproval_EditsDirectlyWithHistory()
    {
        var s = await WithGapAsync();
        var result = await s.Say(Lena, "scope G-1 expected Reps send quotes from the phone app");
        Assert.Equal("G-1 expected is now: Reps send quotes from the phone app (changed by Lena Ortiz; `show G-1` has the history).", Assert.Single(result.Lines));
        Assert.Equal("Reps send quotes from the phone app", (await s.Gap(1)).Expected);
        var e = Assert.Single(s.Store.AllHistory(s.Id), h => h.What == "expected");
        Assert.Equal((null, "Reps send quotes from the phone app"), (e.From, e.To));
    }

    [Fact]
    public async Task Scope_ByMember_Refused()
    {
        var s = await WithGapAsync();
        var result = await s.Say(Max, "scope G-1 title Something else");
        Assert.Equal("Only the lead, Lena Ortiz, can change the scope of G-1 while G-1 has no owner.", Assert.Single(result.Lines));
    }

    [Fact]
    public async Task Scope_AfterPlanApproval_IsAChangeRequestTheApproverDecides()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "plan");
        await s.Say(Dana, "approve CR-1");
        var proposed = await s.Say(Lena, "scope G-1 impact 40 reps cannot quote on the road");
        var card = Assert.Single(proposed.Replies.OfType<Reply.Card>()).Doc;
        Assert.Equal(2, card.AwaitsDecisionOf);
        Assert.Contains("Change the impact of G-1", card.Sections[0].Lines[0], StringComparison.Ordinal);
        Assert.Null((await s.Gap(1)).Impact);

        await s.Say(Dana, "approve CR-2");
        Assert.Equal("40 reps cannot quote on the road", (await s.Gap(1)).Impact);
        Assert.Contains(s.Store.AllHistory(s.Id), h => h.What == "impact" && h.Note == "CR-2 approved");
    }

    [Fact]
    public async Task Scope_Rejected_LeavesTheItemAsItWas()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "plan");
        await s.Say(Dana, "approve CR-1");
        await s.Say(Lena, "scope G-1 title Quotes fail everywhere");
        await s.Say(Dana, "reject CR-2 only mobile is broken");
        Assert.Equal("Sales reps cannot send quotes from mobile", (await s.Gap(1)).Title);
    }

    [Fact]
    public async Task ApproveClick_OnBucketMove_AfterTheItemWasEdited_Works()
    {
        var s = await LaterItemAsync();
        await s.Say(Lena, "now G-2");
        await s.Say(Lena, "scope G-2 expected PDF with the logo");       // the gap's revision moves on, the request's does not
        var result = await s.Click(Dana, CardVerbs.Approve, null, 1, (await s.Change(1)).Revision);
        Assert.DoesNotContain(result.Lines, l => l.Contains("out of date", StringComparison.Ordinal));
        Assert.Equal(Bucket.Now, (await s.Gap(2)).Bucket);
    }

    [Fact]
    public async Task ApproveClick_OnScopeChange_AfterTheItemWasEdited_Works()
    {
        var s = await InProgressAsync();
        await s.Say(Lena, "plan");
        await s.Say(Dana, "approve CR-1");
        await s.Say(Lena, "scope G-1 actual The send button spins");
        await s.Say(Lena, "due G-1 2026-12-07 because the vendor slipped");
        var result = await s.Click(Dana, CardVerbs.Approve, null, 2, (await s.Change(2)).Revision);
        Assert.DoesNotContain(result.Lines, l => l.Contains("out of date", StringComparison.Ordinal));
        Assert.Equal("The send button spins", (await s.Gap(1)).Actual);
    }
}
