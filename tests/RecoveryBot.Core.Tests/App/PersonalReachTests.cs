using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

/// <summary>
/// Personal work reaches its person at the moment it arises (the retest card, the approval, "still broken"), and every
/// copy of a card that waits for a verdict or decision is replaced in place once it is given.
/// </summary>
public sealed class PersonalReachTests
{
    [Fact]
    public async Task Ready_TheRetesterGetsTheRetestCardByDirectMessage_WithTheVerdictButtons()
    {
        var s = await InProgressAsync();

        var result = await s.Say(Ana, $"ready G-1 retest {Mention(Ravi)} 2026-12-03");

        var direct = Assert.Single(result.Replies.OfType<Reply.Direct>());
        Assert.Equal(Ravi, direct.Person);
        Assert.Null(direct.Fallback); // the channel post of the same turn mentions Ravi already
        var card = Assert.IsType<Reply.Card>(direct.Personal).Doc;
        Assert.Equal(["works", "broken"], card.Actions.Select(a => a.Verb));
        Assert.Equal(new GapId(1), card.AwaitsVerdictOf);
        Assert.Equal(s.Id, card.Recovery);
        Assert.Contains("Ana Silva marked the fix for G-1 ready", card.Banner!.Text, StringComparison.Ordinal);
        // The channel still gets its own card, remembered the same way.
        Assert.Equal(new GapId(1), Assert.Single(result.Replies.OfType<Reply.Card>(), c => c.To == Audience.Channel).Doc.AwaitsVerdictOf);
    }

    [Fact]
    public async Task Broken_TheOwnerGetsTheRetestersNoteByDirectMessage()
    {
        var s = await FixReadyAsync();

        var result = await s.Say(Ravi, "broken G-1 Still times out on my phone");

        var direct = Assert.Single(result.Replies.OfType<Reply.Direct>());
        Assert.Equal(Ana, direct.Person);
        var text = Assert.IsType<Reply.Text>(direct.Personal).Message;
        Assert.Contains("Ravi Mehta retested G-1", text, StringComparison.Ordinal);
        Assert.Contains("Still times out on my phone", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_TheApproverGetsTheApprovalCardByDirectMessage_NotTheLeadHimself()
    {
        var s = await WithGapAsync();

        var result = await s.Say(Lena, "plan");

        var direct = Assert.Single(result.Replies.OfType<Reply.Direct>());
        Assert.Equal(Dana, direct.Person);
        var card = Assert.IsType<Reply.Card>(direct.Personal).Doc;
        Assert.Equal(1, card.AwaitsDecisionOf);
        Assert.Equal(s.Id, card.Recovery);
        Assert.Contains("approve", card.Actions.Select(a => a.Verb));
    }

    [Fact]
    public async Task Approve_EveryRememberedCopyOfTheCardShowsTheDecision()
    {
        var s = await WithGapAsync();
        var card = Assert.IsType<Reply.Card>(Assert.Single((await s.Say(Lena, "plan")).Replies.OfType<Reply.Direct>()).Personal).Doc;
        Assert.Null(await s.Service.RememberCardAsync(s.Channel, card, "channel-copy", CancellationToken.None));
        // The approver's copy lives in her direct messages: remembered through the recovery the card names.
        Assert.Null(await s.Service.RememberCardAsync(new ChannelKey("slack", "T-ACME", "D-DANA"), card, "dm-copy", CancellationToken.None));
        Assert.Null(await s.Service.RememberCardAsync(s.Channel, card, "dm-copy", CancellationToken.None)); // twice: kept once

        var result = await s.SayDirect(Dana, "approve CR-1");

        var updates = result.Replies.OfType<Reply.UpdateCard>().ToList();
        Assert.Equal(["channel-copy", "dm-copy"], updates.Select(u => u.MessageId));
        Assert.All(updates, u => Assert.Empty(u.Doc.Actions));
        Assert.All(updates, u => Assert.StartsWith("Approved by Dana Ruiz", u.Doc.Banner!.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Works_EveryCopyOfTheRetestCardSaysWhoAnswered_WithoutButtons()
    {
        var s = await InProgressAsync();
        var ready = await s.Say(Ana, $"ready G-1 retest {Mention(Ravi)} 2026-12-03");
        var channelCard = Assert.Single(ready.Replies.OfType<Reply.Card>()).Doc;
        var dmCard = Assert.IsType<Reply.Card>(Assert.Single(ready.Replies.OfType<Reply.Direct>()).Personal).Doc;
        await s.Service.RememberCardAsync(s.Channel, channelCard, "C1|1.1", CancellationToken.None);
        await s.Service.RememberCardAsync(new ChannelKey("slack", "T-ACME", "D-RAVI"), dmCard, "D-RAVI|1.2", CancellationToken.None);
        var revision = (await s.Gap(1)).Revision;

        var result = await s.Say(Ravi, "works G-1");

        var updates = result.Replies.OfType<Reply.UpdateCard>().ToList();
        Assert.Equal(["C1|1.1", "D-RAVI|1.2"], updates.Select(u => u.MessageId));
        Assert.All(updates, u => Assert.Empty(u.Doc.Actions));
        Assert.All(updates, u => Assert.StartsWith("Works in a normal day — answered by Ravi Mehta", u.Doc.Banner!.Text, StringComparison.Ordinal));
        var gap = await s.Gap(1);
        Assert.Empty(gap.CardCopies);
        Assert.Equal(revision + 1, gap.Revision); // remembering a copy changes no revision; the verdict does, once
    }

    [Fact]
    public async Task RememberRetestCard_AfterTheVerdict_ReturnsTheAnsweredCard()
    {
        var s = await InProgressAsync();
        var ready = await s.Say(Ana, $"ready G-1 retest {Mention(Ravi)} 2026-12-03");
        var card = Assert.Single(ready.Replies.OfType<Reply.Card>()).Doc;
        await s.Say(Ravi, "broken G-1 Blank screen");

        var answered = await s.Service.RememberCardAsync(s.Channel, card, "late", CancellationToken.None);

        Assert.NotNull(answered);
        Assert.Empty(answered.Actions);
        Assert.StartsWith("Still broken — answered by Ravi Mehta", answered.Banner!.Text, StringComparison.Ordinal);
        Assert.Empty((await s.Gap(1)).CardCopies);
    }

    [Fact]
    public async Task CardInADirectMessage_SameIdInTwoRecoveries_TheCardsRevisionPicksWhichOneItShows()
    {
        var s = await FixReadyAsync();
        var other = new ChannelKey("slack", "T-ACME", "C-OTHER");
        await s.SayIn(other, Lena, "start Billing recovery");
        await s.SayIn(other, Max, "gap Invoices are wrong");
        await s.SayIn(other, Lena, $"assign G-1 {Mention(Ravi)} 2026-12-09"); // Ravi owns G-1 there, retests G-1 here
        var here = await s.Gap(1);
        var there = (await s.Store.GetGapAsync(other.RecoveryId, new GapId(1), CancellationToken.None))!;
        Assert.NotEqual(here.Revision, there.Revision);
        var dm = new Turn(DirectWith(Ravi), Ravi) { Direct = true };

        var card = await s.Service.CurrentCardAsync(dm, new CardSubject(CardKind.Retest, here.Id, null, here.Revision), null, CancellationToken.None);

        Assert.Equal("Does G-1 work in your normal day?", card.Title);
        Assert.Contains(card.Facts, f => f.Value == "G-1 Sales reps cannot send quotes from mobile");
        Assert.Equal(["works", "broken"], card.Actions.Select(a => a.Verb));
    }
}
