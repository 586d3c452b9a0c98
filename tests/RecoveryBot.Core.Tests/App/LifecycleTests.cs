using RecoveryBot.Core.Model;
using RecoveryBot.Core.Tests.Fakes;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Start_NewChannel_CallerIsLeadAndFreezeOn()
    {
        var s = new Scenario();
        var result = await s.Say(Lena, "start Quotes rollout tz Europe/Berlin");
        var r = await s.Recovery();
        Assert.Equal("Quotes rollout", r.Name);
        Assert.True(r.Lead.Is(Lena));
        Assert.True(r.Frozen);
        Assert.Equal(RecoveryPhase.Triage, r.Phase);
        Assert.Contains(result.Lines, l => l.Contains("frozen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_Twice_RefusesAndKeepsFirst()
    {
        var s = await WithGapAsync();
        var result = await s.Say(Max, "start Another");
        Assert.Contains("already running", Assert.Single(result.Lines), StringComparison.Ordinal);
        Assert.True((await s.Recovery()).Lead.Is(Lena));
    }

    [Fact]
    public async Task Command_NoRecovery_SaysHowToStart()
    {
        var s = new Scenario();
        var result = await s.Say(Max, "gap Something");
        Assert.Contains("start <name>", Assert.Single(result.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullLifecycle_AssignToClosed_RecordsEveryStep()
    {
        var s = await FixReadyAsync();
        Assert.Equal(GapStatus.FixReady, (await s.Gap(1)).Status);
        var works = await s.Say(Ravi, "works G-1");
        Assert.Contains(works.Replies, r => r is Reply.Text { To: Audience.Channel } t && t.Message.Contains("verified by Ravi", StringComparison.Ordinal));
        Assert.Equal(GapStatus.Verified, (await s.Gap(1)).Status);
        await s.Say(Dana, "signoff G-1");
        var g = await s.Gap(1);
        Assert.Equal(GapStatus.Closed, g.Status);
        Assert.True(g.VerifiedBy.Is(Ravi));
        var statuses = s.Store.AllHistory(s.Id).Where(e => e.Gap == g.Id && e.What == "status").Select(e => e.To).ToList();
        Assert.Equal(["planned", "in progress", "fix ready", "verified", "closed"], statuses);
    }

    [Fact]
    public async Task Broken_ByRetester_BackToInProgressWithNoteKept()
    {
        var s = await FixReadyAsync();
        var result = await s.Say(Ravi, "broken G-1 still times out on 4G");
        var g = await s.Gap(1);
        Assert.Equal(GapStatus.InProgress, g.Status);
        Assert.Equal("still times out on 4G", g.BrokenNote);
        Assert.Contains(result.Lines, l => l.Contains(Fmt.At(Ana) + ", over to you", StringComparison.Ordinal));
        Assert.Contains(s.Store.AllHistory(s.Id), e => e.Note == "still times out on 4G" && e.To == "in progress");
    }

    [Fact]
    public async Task Works_ByOwner_RefusedNamingRetester()
    {
        var s = await FixReadyAsync();
        var result = await s.Say(Ana, "works G-1");
        Assert.Equal("Only the retester of G-1, Ravi Mehta, can confirm G-1 works. A fix closes only when a real user has retested it.", Assert.Single(result.Lines));
        Assert.Equal(GapStatus.FixReady, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task Ready_RetesterIsOwner_Refused()
    {
        var s = await InProgressAsync();
        var result = await s.Say(Ana, $"ready G-1 retest {Mention(Ana)} 2026-12-03");
        Assert.Contains("other than the owner", Assert.Single(result.Lines), StringComparison.Ordinal);
        Assert.Equal(GapStatus.InProgress, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task Ready_BeforeBegin_RefusedWithNextStep()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, $"assign G-1 {Mention(Ana)} fri");
        var result = await s.Say(Ana, $"ready G-1 retest {Mention(Ravi)} fri");
        Assert.Equal("G-1 is planned; start it with `begin G-1` first.", Assert.Single(result.Lines));
    }

    [Fact]
    public async Task Ready_ByNonOwner_Refused()
    {
        var s = await InProgressAsync();
        var result = await s.Say(Max, $"ready G-1 retest {Mention(Ravi)} fri");
        Assert.Equal("Only the owner of G-1, Ana Silva, can mark G-1 ready.", Assert.Single(result.Lines));
    }

    [Fact]
    public async Task Assign_ByMember_RefusedNamingLead()
    {
        var s = await WithGapAsync();
        var result = await s.Say(Max, $"assign G-1 {Mention(Ana)} fri");
        Assert.Equal("Only the lead, Lena Ortiz, can assign owners and dates.", Assert.Single(result.Lines));
        Assert.Null((await s.Gap(1)).Owner);
    }

    [Fact]
    public async Task Assign_Weekday_ResolvesInRecoveryZone()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, $"assign G-1 {Mention(Ana)} fri");
        var g = await s.Gap(1);
        Assert.Equal(new DateOnly(2026, 12, 4), g.Due);
        Assert.Equal(GapStatus.Planned, g.Status);
        Assert.True(g.Owner.Is(Ana));
    }

    [Fact]
    public async Task Assign_NewDateOnDatedItem_NeedsReason()
    {
        var s = await InProgressAsync();
        var result = await s.Say(Lena, $"assign G-1 {Mention(Ana)} 2026-12-11");
        Assert.Contains("needs a reason", Assert.Single(result.Lines), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 12, 4), (await s.Gap(1)).Due);
    }

    [Fact]
    public async Task Due_MovedTwice_CountsSlipsAndKeepsReasons()
    {
        var s = await InProgressAsync();
        await s.Say(Ana, "due G-1 2026-12-08 because vendor API outage");
        await s.Say(Lena, "due G-1 2026-12-10 because test data missing");
        var g = await s.Gap(1);
        Assert.Equal(2, g.DueSlips);
        Assert.Equal(new DateOnly(2026, 12, 10), g.Due);
        Assert.Contains("moved 2×", Fmt.Due(g), StringComparison.Ordinal);
        var moves = s.Store.AllHistory(s.Id).Where(e => e.What == "due" && e.Note is not null).Select(e => e.Note).ToList();
        Assert.Equal(["vendor API outage", "test data missing"], moves);
    }

    [Fact]
    public async Task Due_ByMember_Refused()
    {
        var s = await InProgressAsync();
        var result = await s.Say(Max, "due G-1 2026-12-08 because reasons");
        Assert.Contains("Only the owner of G-1, Ana Silva, or the lead, Lena Ortiz", Assert.Single(result.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decline_ByLead_KeepsReason()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "decline G-1 works as designed");
        var g = await s.Gap(1);
        Assert.Equal(GapStatus.Declined, g.Status);
        Assert.Equal("works as designed", g.DeclineReason);
    }

    [Fact]
    public async Task Trained_ByOwner_RecordedAndAnnounced()
    {
        var s = await FixReadyAsync();
        var result = await s.Say(Ana, "trained G-1 walked the sales team through it");
        Assert.NotNull((await s.Gap(1)).TrainedAt);
        Assert.Contains(result.Replies, r => r is Reply.Text { To: Audience.Channel });
    }

    [Fact]
    public async Task Show_UnknownGap_SaysNotFound()
    {
        var s = await WithGapAsync();
        var result = await s.Say(Max, "show G-99");
        Assert.Contains("There is no G-99", Assert.Single(result.Lines), StringComparison.Ordinal);
    }
}
