using System.Text.Json;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Tests.Fakes;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Tests;

public sealed class BlockKitTests
{
    private static string Json(SlackMessage m) => JsonSerializer.Serialize(m, SlackJson.Default.SlackMessage);

    public static TheoryData<string, int> Titles() => new() { { "short", 40 }, { "long", 5_000 }, { "huge", 40_000 } };

    [Theory]
    [MemberData(nameof(Titles))]
    public void Render_EveryCardKind_StaysWithinSlackLimits(string size, int length)
    {
        foreach (var (name, card) in Cards.All(Cards.Long(length)))
        {
            var json = Json(CardRenderer.Render(card));
            try
            {
                BlockLimits.AssertMessage(json);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{name} card ({size} text) breaks a limit: {e.Message}", e);
            }
        }
    }

    [Fact]
    public void Render_LogPageWith200Rows_FitsAndKeepsPaging()
    {
        var json = Json(CardRenderer.Render(Cards.Log(200)));

        BlockLimits.AssertMessage(json);
        using var doc = JsonDocument.Parse(json);
        var blocks = doc.RootElement.GetProperty("blocks");
        Assert.InRange(blocks.GetArrayLength(), 3, 50);
        var last = blocks[blocks.GetArrayLength() - 1];
        Assert.Equal("actions", last.GetProperty("type").GetString());
        var buttons = last.GetProperty("elements").EnumerateArray().Select(e => (e.GetProperty("text").GetProperty("text").GetString(), e.GetProperty("value").GetString())).ToList();
        Assert.Equal([("Previous", "l:open:1"), ("Next", "l:open:3")], buttons);
        Assert.Contains("more line(s) not shown", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LogPage_PagingButtonsCarryFilterAndPage()
    {
        var message = CardRenderer.Render(Cards.Log(15, page: 1, pages: 2));
        var actions = message.Blocks!.OfType<ActionsBlock>().Single();
        var next = Assert.Single(actions.Elements);
        Assert.Equal((CardVerbs.LogPage, "Next"), (next.ActionId, next.Text.Text));
        var click = ActionCodec.Decode(next.ActionId, next.Value);
        Assert.Equal(CardVerbs.LogPage, click.Action.Verb);
        Assert.Equal("open", click.Action.Inputs[FormFields.Filter]);
        Assert.Equal("2", click.Action.Inputs[FormFields.Page]);
        Assert.Equal(15, message.Blocks!.OfType<SectionBlock>().Sum(s => s.Text!.Text.Split('\n').Length));
    }

    [Fact]
    public void Render_DecidedApproval_ShowsWhoAndWhenWithoutButtons()
    {
        var card = new ApprovalCard("Pilot", Cards.Change(ApprovalState.Approved), "Reset plan CR-3", ["Reset plan for \"Pilot\""], [], "Approved by Dana Ruiz at 14:02", Cards.Dana);
        var message = CardRenderer.Render(card);

        Assert.DoesNotContain(message.Blocks!, b => b is ActionsBlock);
        Assert.Contains("Approved by Dana Ruiz at 14:02", Json(message), StringComparison.Ordinal);
        Assert.Contains("Approved by Dana Ruiz at 14:02", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PendingApproval_HasApproveAndRejectWithNote()
    {
        var change = Cards.Change();
        var message = CardRenderer.Render(new ApprovalCard("Pilot", change, "Reset plan CR-3", ["one"], Core.Rules.GapActions.Decide(change), null, Cards.Dana));
        var buttons = message.Blocks!.OfType<ActionsBlock>().Single().Elements;

        Assert.Equal(["approve", "reject"], buttons.Select(b => b.ActionId));
        Assert.Equal(["primary", "danger"], buttons.Select(b => b.Style));
        Assert.Equal("c:3:1", buttons[0].Value);
        var reject = ActionCodec.Decode(buttons[1].ActionId, buttons[1].Value);
        Assert.Equal(("reject", 3, 1, "Reason for rejecting", true), (reject.Action.Verb, reject.Action.Change, reject.Action.Revision, reject.NoteLabel, reject.NoteRequired));
    }

    [Fact]
    public void Render_GapCard_ShowsRowFieldsAndRetestButtons()
    {
        var gap = Cards.Gap(7);
        var message = CardRenderer.Render(new GapCard("Pilot", gap, Cards.Today, Core.Rules.GapActions.Retest(gap)));
        var json = string.Join("\n", message.Blocks!.OfType<SectionBlock>().SelectMany(b => b.Fields ?? []).Select(f => f.Text))
            + string.Join("\n", message.Blocks!.OfType<ContextBlock>().SelectMany(b => b.Elements).Select(f => f.Text));

        Assert.Equal("G-7 Sales reps cannot send quotes from mobile (7)", message.Blocks!.OfType<HeaderBlock>().Single().Text.Text);
        Assert.Contains("moved 2×", json, StringComparison.Ordinal);
        Assert.Contains("fix ready", json, StringComparison.Ordinal);
        Assert.Contains("|Logged from this message>", json, StringComparison.Ordinal);
        var broken = ActionCodec.Decode("broken", message.Blocks!.OfType<ActionsBlock>().Single().Elements[1].Value);
        Assert.Equal((new GapId(7), 4, true), (broken.Action.Gap!.Value, broken.Action.Revision!.Value, broken.NoteRequired));
    }

    [Fact]
    public void Modals_AllForms_StayWithinModalLimits()
    {
        var meta = new ModalMeta("C0PILOT", "broken", 7, null, 4, "1795522100.000300");
        ModalView[] views = [Modals.Gap(meta, Cards.Long(5000)), Modals.Ownership(meta), Modals.Note("G-7: Still broken because it is a very long title", "What still breaks?", true, meta)];
        foreach (var view in views)
        {
            using var doc = JsonDocument.Parse(JsonSerializer.Serialize(view, SlackJson.Default.ModalView));
            var root = doc.RootElement;
            Assert.Equal("modal", root.GetProperty("type").GetString());
            Assert.InRange(root.GetProperty("title").GetProperty("text").GetString()!.Length, 1, 24);
            Assert.InRange(root.GetProperty("submit").GetProperty("text").GetString()!.Length, 1, 24);
            Assert.InRange(root.GetProperty("private_metadata").GetString()!.Length, 1, 3000);
            BlockLimits.AssertBlocks(root.GetProperty("blocks"), 100);
            foreach (var b in root.GetProperty("blocks").EnumerateArray())
            {
                Assert.Equal(b.GetProperty("block_id").GetString(), b.GetProperty("element").GetProperty("action_id").GetString());
                if (b.GetProperty("element").TryGetProperty("initial_value", out var initial)) Assert.InRange(initial.GetString()!.Length, 1, 200);
            }
        }
        Assert.Equal(meta, Modals.ReadMeta(views[2].PrivateMetadata));
    }

    [Theory]
    [InlineData("Hi <@U0ANA> see <https://x.test/a|the doc>", "Hi <@U0ANA> see <https://x.test/a|the doc>")]
    [InlineData("ping <!channel> now", "ping &lt;!channel&gt; now")]
    [InlineData("a < b > c & d", "a &lt; b &gt; c &amp; d")]
    [InlineData("already &lt;escaped&gt; &amp; fine", "already &lt;escaped&gt; &amp; fine")]
    [InlineData("<#C0PILOT|pilot>", "<#C0PILOT|pilot>")]
    public void Mrkdwn_Escape_KeepsSlackTokensAndDefusesBroadcasts(string text, string expected) =>
        Assert.Equal(expected, Mrkdwn.Escape(text));

    [Theory]
    [InlineData("<@U0ANA|Ana> &amp; <https://x.test|doc>", "@Ana & doc")]
    [InlineData("<@U0ANA> told <!here>", "@U0ANA told @here")]
    [InlineData("plain", "plain")]
    public void Mrkdwn_ToPlain_ReadsAsPeopleSeeIt(string text, string expected) => Assert.Equal(expected, Mrkdwn.ToPlain(text));

    [Fact]
    public void Compose_TextAndCardForOneReader_OneMessageWithFallback()
    {
        var gap = Cards.Gap(2);
        var message = MessageComposer.Compose([new Reply.Text("This card is out of date"), new Reply.Card(new GapCard("Pilot", gap, Cards.Today, []), Audience.Actor)]);

        Assert.Equal("This card is out of date", message.Text);
        Assert.IsType<SectionBlock>(message.Blocks![0]);
        BlockLimits.AssertMessage(Json(message));
    }
}
