using System.Text.Json;
using RecoveryBot.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests;

/// <summary>
/// People are mentioned in the channel posts that ask them to act, and a command typed or clicked in a direct message
/// with the bot acts on the channel's recovery where that person has the item.
/// </summary>
public sealed class DirectMessageTests(AzuriteForHosts azurite, ITestOutputHelper output) : EndToEndTest(azurite, output)
{
    private const string Quotes = "C0QUOTES";
    private const string Billing = "C0BILLING";
    private const string DanaDm = "D0DANADM";

    [Fact]
    public Task RetestAndApproval_MentionedInTheChannel_AnsweredFromDirectMessages() => Scenario(async () =>
    {
        var api = Slack.Api;
        await Slack.CommandAsync(Lena, "start Quotes rollout", Quotes);
        await Slack.CommandAsync(Lena, $"approver {Dana.Mention}", Quotes);
        await Slack.CommandAsync(Mo, "gap Sales reps cannot send quotes from mobile", Quotes);
        await Slack.CommandAsync(Lena, $"assign G-1 {Ana.Mention} +5d", Quotes);
        await Slack.CommandAsync(Ana, "begin G-1", Quotes);
        await Slack.CommandAsync(Ana, $"ready G-1 retest {Ravi.Mention} +2d", Quotes);

        // The retest card mentions the retester for real: a user element, and <@id> in the notification text.
        var retestCard = await api.WaitForPost("Does G-1 work in your normal day?", channel: Quotes);
        Assert.Contains($"<@{Ravi.Id}>", retestCard.Text, StringComparison.Ordinal);
        Assert.Contains($"\"user_id\":\"{Ravi.Id}\"", retestCard.Body, StringComparison.Ordinal);

        // Someone with no part in G-1 gets a clear answer in the DM, and nothing changes.
        var none = await Slack.CommandAsync(Mo, "works G-1", "D0MODM");
        Assert.StartsWith("You have no G-1 in any recovery you are part of", none.Text, StringComparison.Ordinal);

        // Ravi got his own copy of the card in his DM (conversations.open + chat.postMessage), with the verdict buttons.
        var ravisCopy = await api.WaitForPost("Ana Silva marked the fix for G-1 ready", channel: "D" + Ravi.Id);
        var works = ravisCopy.Buttons.Single(b => b.GetProperty("action_id").GetString() == "works");

        // He clicks Works there: the item in the channel's recovery is verified and the channel hears it.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Slack.InteractAsync(Slack.ClickPayload(Ravi, ravisCopy, works))).Status);
        var verified = await api.WaitForPost("G-1 verified by Ravi Patel");
        Assert.Equal(Quotes, verified.Channel);
        Assert.Equal("Verified", (await Slack.Stored.GapAsync(SlackWorkspace.Team, Quotes, 1)).GetString("Status"));
        // Both copies of the retest card now say who answered, without buttons: the channel's and Ravi's.
        var answered = await api.WaitFor("both retest cards updated", c => c.Count(x => x.Method == "chat.update" && x.Ok && x.BlockText.Contains("answered by Ravi Patel", StringComparison.Ordinal)) == 2);
        var updates = answered.Where(x => x.Method == "chat.update" && x.BlockText.Contains("answered by Ravi Patel", StringComparison.Ordinal)).ToList();
        Assert.Equal([(Quotes, retestCard.Ts), ("D" + Ravi.Id, ravisCopy.Ts)], updates.Select(u => (u.Channel, u.Json.GetProperty("ts").GetString())).OrderBy(u => u.Item1, StringComparer.Ordinal));
        Assert.All(updates, u => Assert.Empty(u.Buttons));

        // Dana approves two recoveries; from her DM, `approve CR-1` asks which, with one button per recovery.
        await Slack.CommandAsync(Lena, "plan", Quotes);
        var approval = await api.WaitForPost("Reset plan", channel: Quotes);
        Assert.Contains($"<@{Dana.Id}>", approval.Text, StringComparison.Ordinal);
        await Slack.CommandAsync(Lena, "start Billing recovery", Billing);
        await Slack.CommandAsync(Lena, $"approver {Dana.Mention}", Billing);
        await Slack.CommandAsync(Mo, "gap Invoices show the wrong VAT", Billing);
        await Slack.CommandAsync(Lena, "plan", Billing);
        await api.WaitFor("both approval cards", c => c.Count(x => x.Method == "chat.postMessage" && x.Ok && x.Channel is Quotes or Billing && x.Text.Contains("Reset plan", StringComparison.Ordinal)) == 2);

        // The card's message id is kept once it is posted, so the decision can replace it.
        await Eventually("the Billing card remembered", async () => (await Slack.Stored.ChangeAsync(SlackWorkspace.Team, Billing, 1))?.GetString("CardMessage") is not null);
        var ask = await Slack.CommandAsync(Dana, "approve CR-1", DanaDm);
        Assert.True(ask.HasBlocks, ask.ToString());
        var buttons = ask.Json.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray()).ToList();
        Assert.Equal(["Billing recovery", "Quotes rollout"], buttons.Select(b => b.GetProperty("text").GetProperty("text").GetString()).Order(StringComparer.Ordinal));

        // She picks Billing: that recovery's plan is approved and its channel card is updated in place.
        var billing = buttons.Single(b => b.GetProperty("text").GetProperty("text").GetString() == "Billing recovery");
        var asked = new SlackCall(0, "chat.postMessage", JsonSerializer.Serialize(new { channel = DanaDm, text = ask.Text, blocks = ask.Json.GetProperty("blocks") }),
            200, null, """{"ok":true,"ts":"1795600000.999999"}""", TimeSpan.Zero);
        var reply = await Slack.InteractAsync(Slack.ClickPayload(Dana, asked, billing));
        Assert.Equal(System.Net.HttpStatusCode.OK, reply.Status);
        var updated = (await api.WaitFor("the Billing card updated", c => c.Any(x => x.Method == "chat.update" && x.Ok && x.Channel == Billing))).First(x => x.Method == "chat.update" && x.Channel == Billing);
        Assert.Contains("Approved by Dana Ruiz", updated.BlockText, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Updates, u => u.Channel == Quotes && u.BlockText.Contains("Reset plan", StringComparison.Ordinal));
    });
}
