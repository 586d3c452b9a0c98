using System.Text.Json;
using System.Text.Json.Nodes;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>Approval cards: Dana's one click decides and the card updates in place; a rejection asks for a reason first.</summary>
public sealed class ApprovalFlowTests : IAsyncLifetime
{
    private SlackWorld _w = null!;

    public async Task InitializeAsync() => _w = await SlackWorld.StartAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    /// <summary>Lena starts, names Dana approver and proposes the plan; returns the posted approval card's call and ts.</summary>
    private async Task<(ApiCall Card, string Ts)> PlanAwaitingDanaAsync()
    {
        await _w.Command("start Pilot");
        await _w.Command("approver <@U0CLIENT>");
        await _w.Command("plan");
        var calls = await _w.Api.WaitFor(c => c.Count(x => x.Method == "chat.postMessage" && SlackWorld.Buttons(x).Any()) == 2);
        var card = calls.Single(x => x.Method == "chat.postMessage" && SlackWorld.Buttons(x).Any() && x.Json.GetProperty("channel").GetString() == "C0PILOT");
        // Dana's own copy goes to her direct messages (conversations.open with her id), with the same buttons.
        Assert.Equal("U0CLIENT", calls.Single(x => x.Method == "conversations.open").Json.GetProperty("users").GetString());
        var dm = calls.Single(x => x.Method == "chat.postMessage" && x.Json.GetProperty("channel").GetString() == "D0DM");
        Assert.Contains("approve", SlackWorld.Buttons(dm).Select(b => b.GetProperty("action_id").GetString()));
        var ts = JsonDocument.Parse(card.Response).RootElement.GetProperty("ts").GetString()!;
        await SlackWorld.Eventually(async () => (await _w.Change(1))?.CardMessage == $"C0PILOT|{ts}", "the card to be remembered");
        return (card, ts);
    }


    [Fact]
    public async Task ApproveClick_ByApprover_UpdatesCardInPlaceWithoutButtons()
    {
        var (card, ts) = await PlanAwaitingDanaAsync();
        var approve = SlackWorld.Buttons(card).Single(b => b.GetProperty("action_id").GetString() == "approve");

        Assert.Equal("", await _w.Interact("block-actions.json", SlackWorld.Click(approve, "U0CLIENT", ts)));

        // Both copies change in place: the channel's card and Dana's own in her direct messages.
        var updates = (await _w.Api.WaitFor(c => c.Count(x => x.Method == "chat.update") == 2)).Where(c => c.Method == "chat.update").ToList();
        var update = Assert.Single(updates, u => u.Json.GetProperty("channel").GetString() == "C0PILOT");
        Assert.Equal(ts, update.Json.GetProperty("ts").GetString());
        Assert.Matches(@"Approved by Dana Ruiz on \w{3} \d{1,2} \w{3} \d{4} \d\d:\d\d", SlackWorld.Text(update));
        Assert.Single(updates, u => u.Json.GetProperty("channel").GetString() == "D0DM" && SlackWorld.Text(u).Contains("Approved by Dana Ruiz", StringComparison.Ordinal));
        Assert.Empty(SlackWorld.Buttons(update));
        Assert.Equal(Core.Model.ApprovalState.Approved, (await _w.Change(1))!.State);
    }

    [Fact]
    public async Task ApproveClick_DeliveredTwice_RunsOnce()
    {
        var (card, ts) = await PlanAwaitingDanaAsync();
        var approve = SlackWorld.Buttons(card).Single(b => b.GetProperty("action_id").GetString() == "approve");
        Action<JsonNode> click = p =>
        {
            SlackWorld.Click(approve, "U0CLIENT", ts)(p);
            p["actions"]![0]!["action_ts"] = "1795600123.456789";
        };

        await _w.Interact("block-actions.json", click);
        await _w.Api.WaitFor(c => c.Count(x => x.Method == "chat.update") == 2);
        await _w.Interact("block-actions.json", click);
        await Task.Delay(300);

        // Run twice, the second would say the card is out of date; run once, it says nothing more (two copies, one update each).
        Assert.Equal(2, _w.Api.Calls.Count(c => c.Method == "chat.update"));
        Assert.DoesNotContain(_w.Api.Calls, c => c.Method == "chat.postEphemeral" && SlackWorld.Text(c).Contains("out of date", StringComparison.Ordinal));
        Assert.Equal(Core.Model.ApprovalState.Approved, (await _w.Change(1))!.State);
    }

    [Fact]
    public async Task ApproveClick_ByLead_PoliteRefusalAndNothingChanges()
    {
        var (card, ts) = await PlanAwaitingDanaAsync();
        var approve = SlackWorld.Buttons(card).Single(b => b.GetProperty("action_id").GetString() == "approve");

        await _w.Interact("block-actions.json", SlackWorld.Click(approve, "U0LEAD", ts));

        var refusal = (await _w.Api.WaitFor(c => c.Any(x => x.Method == "chat.postEphemeral"))).Single(c => c.Method == "chat.postEphemeral");
        Assert.Equal("U0LEAD", refusal.Json.GetProperty("user").GetString());
        Assert.Contains("Dana Ruiz", SlackWorld.Text(refusal), StringComparison.Ordinal);
        Assert.Equal(Core.Model.ApprovalState.Pending, (await _w.Change(1))!.State);
    }

    [Fact]
    public async Task RejectClick_OpensNoteModal_ThenSubmitRejectsWithTheReason()
    {
        var (card, ts) = await PlanAwaitingDanaAsync();
        var reject = SlackWorld.Buttons(card).Single(b => b.GetProperty("action_id").GetString() == "reject");

        await _w.Interact("block-actions.json", SlackWorld.Click(reject, "U0CLIENT", ts));
        var view = _w.Api.Calls.Single(c => c.Method == "views.open").Json.GetProperty("view");
        Assert.Equal(("note", "CR-1: Reject"), (view.GetProperty("callback_id").GetString(), view.GetProperty("title").GetProperty("text").GetString()));
        Assert.Equal(Core.Model.ApprovalState.Pending, (await _w.Change(1))!.State);

        var answer = await _w.Interact("view-submission.json", p =>
        {
            p["user"]!["id"] = "U0CLIENT";
            p["view"]!["callback_id"] = "note";
            p["view"]!["private_metadata"] = view.GetProperty("private_metadata").GetString();
            p["view"]!["state"] = JsonNode.Parse("""{"values":{"note":{"note":{"type":"plain_text_input","value":"Milestones are missing"}}}}""");
        });

        Assert.Equal("", answer);
        var update = (await _w.Api.WaitFor(c => c.Count(x => x.Method == "chat.update") == 2)).Single(c => c.Method == "chat.update" && c.Json.GetProperty("channel").GetString() == "C0PILOT");
        Assert.Contains("Rejected by Dana Ruiz", SlackWorld.Text(update), StringComparison.Ordinal);
        Assert.Equal("Milestones are missing", (await _w.Change(1))!.Reason);
    }
}
