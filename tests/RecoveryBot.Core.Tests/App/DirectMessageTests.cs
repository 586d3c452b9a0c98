using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Tests.Fakes;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

/// <summary>Commands typed or clicked in a direct message act on the channel's recovery where the person has the item.</summary>
public sealed class DirectMessageTests
{
    private static readonly ChannelKey Other = new("slack", "T-ACME", "C-OTHER");

    [Fact]
    public async Task Works_OneRecoveryHasTheRetestersItem_VerifiesItThereAndPostsToThatChannel()
    {
        var s = await FixReadyAsync();

        var result = await s.SayDirect(Ravi, "works G-1");

        Assert.Equal(GapStatus.Verified, (await s.Gap(1)).Status);
        Assert.Equal(s.Channel, result.ActedIn!.Channel);
        Assert.Contains(result.Replies, r => r is Reply.Text { To: Audience.Channel } or Reply.Card { To: Audience.Channel });
    }

    [Fact]
    public async Task Works_FromADirectMessage_SameRoleCheckAsInTheChannel()
    {
        var s = await FixReadyAsync();

        // Lena leads the recovery, so the DM finds it; only the retester may say it works, as in the channel.
        var result = await s.SayDirect(Lena, "works G-1");

        Assert.IsType<Outcome.Refused>(result.Outcome);
        Assert.Equal(GapStatus.FixReady, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task Show_NoRecoveryHasTheItemForThisPerson_ClearAnswerAndNothingRead()
    {
        var s = await FixReadyAsync();

        var result = await s.SayDirect(Max, "show G-1");

        Assert.Equal(DirectRouting.None(new GapId(1), null), Assert.Single(result.Lines));
        Assert.Null(result.ActedIn);
    }

    [Fact]
    public async Task Approve_SeveralRecoveriesHaveTheChange_AsksWithOneButtonPerRecovery_ThenThePickActs()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, "plan");
        await s.SayIn(Other, Lena, "start Billing recovery");
        await s.SayIn(Other, Lena, $"approver {Mention(Dana)}");
        await s.SayIn(Other, Max, "gap Invoices are wrong");
        await s.SayIn(Other, Lena, "plan");

        var ask = await s.SayDirect(Dana, "approve CR-1");

        var card = Assert.IsType<Reply.Card>(Assert.Single(ask.Replies));
        Assert.Equal(Audience.Actor, card.To);
        Assert.Equal(["Quotes rollout", "Billing recovery"], card.Doc.Actions.Select(a => a.Label).Order(StringComparer.Ordinal).Reverse());
        Assert.All(card.Doc.Actions, a => Assert.Equal("approve CR-1", a.Command));
        var billing = card.Doc.Actions.Single(a => a.Label == "Billing recovery");

        var done = await s.ClickDirect(Dana, Pick(billing.Recovery!, billing.Command!));

        Assert.Equal(Other, done.ActedIn!.Channel);
        Assert.Equal(ApprovalState.Approved, (await s.Store.GetChangeRequestAsync(Other.RecoveryId, 1, CancellationToken.None))!.State);
        Assert.Equal(ApprovalState.Pending, (await s.Change(1)).State);
    }

    [Fact]
    public async Task Pick_ForgedRecoveryTheClickerHasNoPartIn_Refused()
    {
        var s = await FixReadyAsync();

        var result = await s.ClickDirect(Max, Pick(s.Id.Value, "works G-1"));

        Assert.IsType<Outcome.Refused>(result.Outcome);
        Assert.Equal(GapStatus.FixReady, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task Click_RetestCardInADirectMessage_ActsOnTheChannelsRecovery()
    {
        var s = await FixReadyAsync();
        var gap = await s.Gap(1);

        var result = await s.ClickDirect(Ravi, new CardAction(CardVerbs.Broken, gap.Id, null, gap.Revision,
            new Dictionary<string, string> { [FormFields.Note] = "Still times out on my phone" }));

        Assert.Equal(s.Channel, result.ActedIn!.Channel);
        Assert.Equal("Still times out on my phone", (await s.Gap(1)).BrokenNote);
    }

    [Fact]
    public async Task Index_SamePersonNamedAgain_WrittenOncePerRecovery()
    {
        var s = await FixReadyAsync();
        var before = s.People.Writes;

        await s.Say(Ana, "begin G-1");
        await s.Say(Lena, $"assign G-1 {Mention(Ana)} 2026-12-09");

        Assert.Equal(before, s.People.Writes);
    }

    private static CardAction Pick(string recovery, string command) => new(CardVerbs.InRecovery, null, null, null,
        new Dictionary<string, string> { [FormFields.Recovery] = recovery, [FormFields.Command] = command });
}
