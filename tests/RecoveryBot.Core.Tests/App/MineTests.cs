using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

/// <summary>`mine`: what waits for the person, across recoveries in a direct message, in one recovery in a channel.</summary>
public sealed class MineTests
{
    private static readonly ChannelKey Billing = new("slack", "T-ACME", "C-BILLING");

    /// <summary>Quotes: G-1 fix ready (Ana owns, Ravi retests), CR-1 the plan. Billing: G-1 planned for Ravi, G-2 in progress for Ana, CR-1 its plan.</summary>
    private static async Task<Fakes.Scenario> TwoRecoveriesAsync()
    {
        var s = await FixReadyAsync();
        await s.Say(Lena, "plan");
        await s.SayIn(Billing, Lena, "start Billing recovery");
        await s.SayIn(Billing, Lena, $"approver {Mention(Dana)}");
        await s.SayIn(Billing, Max, "gap Invoices are wrong");
        await s.SayIn(Billing, Max, "gap Credit notes are missing");
        await s.SayIn(Billing, Lena, $"assign G-1 {Mention(Ravi)} 2026-12-10");
        await s.SayIn(Billing, Lena, $"assign G-2 {Mention(Ana)} 2026-12-11");
        await s.SayIn(Billing, Ana, "begin G-2");
        await s.SayIn(Billing, Lena, "plan");
        return s;
    }

    private static IReadOnlyList<CardDoc> Cards(TurnResult result) => [.. result.Replies.OfType<Reply.Card>().Select(c => c.Doc)];

    [Fact]
    public async Task Mine_DirectMessage_RetesterAndOwnerItemsGroupedPerRecoveryWithTheirButtons()
    {
        var s = await TwoRecoveriesAsync();

        var result = await s.SayDirect(Ravi, "mine");

        Assert.IsType<Outcome.Done>(result.Outcome);
        Assert.All(result.Replies, r => Assert.True(r is Reply.Text { To: Audience.Actor } or Reply.Card { To: Audience.Actor }));
        var cards = Cards(result);
        Assert.Equal(["Billing recovery", "Quotes rollout"], cards.Select(c => c.Title).Order(StringComparer.Ordinal));
        var quotes = cards.Single(c => c.Title == "Quotes rollout");
        Assert.Equal("Retest in your normal day", Assert.Single(quotes.Sections).Heading);
        Assert.Equal([CardVerbs.Works, CardVerbs.Broken], quotes.Actions.Select(a => a.Verb));
        Assert.All(quotes.Actions, a => Assert.StartsWith("G-1: ", a.Label, StringComparison.Ordinal));
        var billing = cards.Single(c => c.Title == "Billing recovery");
        Assert.Equal("You own", Assert.Single(billing.Sections).Heading);
        Assert.Equal(CardVerbs.Begin, Assert.Single(billing.Actions).Verb);
    }

    [Fact]
    public async Task Mine_DirectMessage_ApproverSeesEachPendingRequestWithApproveAndReject()
    {
        var s = await TwoRecoveriesAsync();

        var cards = Cards(await s.SayDirect(Dana, "mine"));

        Assert.Equal(2, cards.Count);
        Assert.All(cards, c =>
        {
            Assert.Equal("Waiting for your approval", Assert.Single(c.Sections).Heading);
            Assert.Equal(["CR-1: Approve", "CR-1: Reject"], c.Actions.Select(a => a.Label));
            Assert.All(c.Actions, a => Assert.Equal(1, a.Change));
        });
    }

    [Fact]
    public async Task Mine_OwnerAcrossRecoveries_ListsOnlyOpenWork()
    {
        var s = await TwoRecoveriesAsync();
        await s.Say(Ravi, "works G-1"); // Ana's G-1 in Quotes is verified now: no longer hers to do

        var result = await s.SayDirect(Ana, "mine");

        var card = Assert.Single(Cards(result));
        Assert.Equal("Billing recovery", card.Title);
        Assert.Contains("G-2 Credit notes are missing", Assert.Single(Assert.Single(card.Sections).Lines), StringComparison.Ordinal);
        Assert.Contains("1 item(s) in 1 recovery(ies)", result.Lines.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mine_NothingWaits_OneLine()
    {
        var s = await TwoRecoveriesAsync();

        var direct = await s.SayDirect(Max, "mine");
        var channel = await s.Say(Max, "mine");

        Assert.Equal(MineDocs.Nothing(across: true), Assert.Single(direct.Replies).As<Reply.Text>().Message);
        Assert.Equal(MineDocs.Nothing(across: false), Assert.Single(channel.Replies).As<Reply.Text>().Message);
    }

    [Fact]
    public async Task Mine_InAChannel_OnlyThatChannelsRecovery()
    {
        var s = await TwoRecoveriesAsync();

        var result = await s.Say(Ravi, "mine");

        var card = Assert.Single(Cards(result));
        Assert.Equal("Quotes rollout", card.Title);
        Assert.Equal(Audience.Actor, result.Replies.OfType<Reply.Card>().Single().To);
    }

    [Fact]
    public async Task Mine_MoreItemsThanTheCap_ShowsTheCapAndSaysHowManyMore()
    {
        var s = await WithGapAsync();
        for (var n = 2; n <= Mine.MaxItems + 5; n++) await s.Say(Max, $"gap Problem {n}");
        for (var n = 1; n <= Mine.MaxItems + 5; n++) await s.Say(Lena, $"assign G-{n} {Mention(Ana)} 2026-12-10");

        var result = await s.SayDirect(Ana, "mine");

        var card = Assert.Single(Cards(result));
        Assert.Equal(Mine.MaxItems, card.Sections.Sum(x => x.Lines.Count));
        Assert.Equal(MineDocs.More(5, 0), result.Lines.Last());
    }

    [Fact]
    public async Task Click_WorksFromTheMineCard_SameIdInTwoRecoveries_ActsWhereThePersonRetests()
    {
        var s = await TwoRecoveriesAsync();
        var works = Cards(await s.SayDirect(Ravi, "mine")).Single(c => c.Title == "Quotes rollout").Actions[0];

        var result = await s.ClickDirect(Ravi, new CardAction(works.Verb, works.Gap, works.Change, works.Revision, new Dictionary<string, string>()));

        Assert.Equal(s.Channel, result.ActedIn!.Channel);
        Assert.Equal(GapStatus.Verified, (await s.Gap(1)).Status);
        Assert.Equal(GapStatus.Planned, (await s.Store.GetGapAsync(Billing.RecoveryId, new GapId(1), CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Click_BeginFromTheMineCard_SameIdInTwoRecoveries_ActsWhereThePersonOwnsIt()
    {
        var s = await TwoRecoveriesAsync();
        var begin = Cards(await s.SayDirect(Ravi, "mine")).Single(c => c.Title == "Billing recovery").Actions[0];

        var result = await s.ClickDirect(Ravi, new CardAction(begin.Verb, begin.Gap, null, begin.Revision, new Dictionary<string, string>()));

        Assert.Equal(Billing, result.ActedIn!.Channel);
        Assert.Equal(GapStatus.InProgress, (await s.Store.GetGapAsync(Billing.RecoveryId, new GapId(1), CancellationToken.None))!.Status);
    }
}

internal static class ReplyCast
{
    public static T As<T>(this Reply reply) where T : Reply => Assert.IsType<T>(reply);
}
