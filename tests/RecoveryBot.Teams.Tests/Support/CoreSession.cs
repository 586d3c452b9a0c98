using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Tests.Support;

/// <summary>A short recovery typed against the real Core, collecting every card view it answers with.</summary>
public static class CoreSession
{
    public static async Task<IReadOnlyList<(string Name, CardDoc View)>> CardsAsync()
    {
        var store = new InMemoryRecoveryStore();
        var service = new RecoveryService(store, TeamsTestHost.CoreTime(), new FixedLinks());
        var channel = new ChannelKey("teams", "tenant", "19:recovery@thread.tacv2");
        var lena = new UserRef("29:1lena", "Lena Ortiz");
        var ana = new UserRef("29:1ana", "Ana Silva");
        var cards = new List<(string, CardDoc)>();

        async Task Say(UserRef who, string text)
        {
            var parsed = CommandParser.Parse(text);
            var command = Assert.IsType<ParseResult.Ok>(parsed).Command;
            var result = await service.HandleAsync(new Turn(channel, who), command, CancellationToken.None);
            var n = 0;
            foreach (var card in result.Replies.OfType<Reply.Card>()) cards.Add(($"core-{text.Split(' ')[0]}-{cards.Count}-{n++}", card.Doc));
        }

        await Say(lena, "start Quotes rollout tz Europe/Berlin");
        await Say(lena, "approver <@29:1dana|Dana Ruiz>");
        await Say(ana, "gap Sales reps cannot send quotes from mobile");
        await Say(lena, "assign G-1 <@29:1ana|Ana Silva> 2026-12-04");
        await Say(ana, "begin G-1");
        await Say(ana, "ready G-1 retest <@29:1ravi|Ravi Mehta> 2026-12-03 training 2026-12-02");
        await Say(lena, "request Export to Excel");
        await Say(lena, "milestone 2026-12-11 Mobile quoting back for all reps");
        await Say(lena, "plan");
        await Say(lena, "show G-1");
        await Say(lena, "log all");
        await Say(lena, "gonogo");
        await Say(lena, "checkin preview");
        return cards;
    }
}
