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
        var list = message.Blocks!.OfType<RichTextBlock>().SelectMany(b => b.Elements).OfType<RichList>().Single();
        Assert.Equal(15, list.Elements.Count);
    }

    [Fact]
    public void Render_DecidedApproval_ShowsWhoAndWhenWithoutButtons()
    {
        var message = CardRenderer.Render(RecoveryDocs.Decided(Cards.Recovery(), Cards.Change(ApprovalState.Approved) with { DecidedBy = Cards.Dana, DecidedAt = Cards.At }, TimeZoneInfo.Utc));

        Assert.DoesNotContain(message.Blocks!, b => b is ActionsBlock);
        Assert.Contains("Approved by Dana Ruiz on Tue 1 Dec 2026 13:02", Json(message), StringComparison.Ordinal);
        Assert.Contains("Approved by Dana Ruiz on Tue 1 Dec 2026 13:02", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PendingApproval_HasApproveAndRejectWithNote()
    {
        var change = Cards.Change();
        var message = CardRenderer.Render(RecoveryDocs.Approval(Cards.Recovery(), change, [], TimeZoneInfo.Utc));
        var buttons = message.Blocks!.OfType<ActionsBlock>().Single().Elements;

        Assert.Equal(["approve", "reject"], buttons.Select(b => b.ActionId));
        Assert.Equal(["primary", "danger"], buttons.Select(b => b.Style));
        Assert.Equal("c:3:1", buttons[0].Value);
        var reject = ActionCodec.Decode(buttons[1].ActionId, buttons[1].Value);
        Assert.Equal(("reject", 3, 1, "Reason for rejecting", true), (reject.Action.Verb, reject.Action.Change, reject.Action.Revision, reject.NoteLabel, reject.NoteRequired));
    }

    [Fact]
    public void Render_GapCard_ShowsRowFactsAndRetestButtons()
    {
        var gap = Cards.Gap(7);
        var message = CardRenderer.Render(GapDocs.Row(Cards.Recovery(), gap, Cards.Today, Core.Rules.GapActions.Retest(gap)));
        var json = System.Text.Encoding.UTF8.GetString(SlackJson.Answer(message, SlackJson.Default.SlackMessage));

        Assert.Equal("G-7 Sales reps cannot send quotes from mobile (7)", message.Blocks!.OfType<HeaderBlock>().Single().Text.Text);
        Assert.Contains("moved 2×", json, StringComparison.Ordinal);
        Assert.Contains("fix ready", json, StringComparison.Ordinal);
        var link = message.Blocks!.OfType<RichTextBlock>().SelectMany(b => b.Elements).OfType<RichSection>().SelectMany(s => s.Elements).OfType<RichLink>().Single();
        Assert.Equal((GapDocs.SourceLabel, gap.SourceLink), (link.Text, link.Url));
        var broken = ActionCodec.Decode("broken", message.Blocks!.OfType<ActionsBlock>().Single().Elements[1].Value);
        Assert.Equal((new GapId(7), 4, true), (broken.Action.Gap!.Value, broken.Action.Revision!.Value, broken.NoteRequired));
    }

    [Fact]
    public void Modals_AllForms_StayWithinModalLimits()
    {
        var meta = new ModalMeta("C0PILOT", "broken", 7, null, 4, "1795522100.000300");
        ModalView[] views = [Modals.Form(FormDocs.Gap(Cards.Long(5000)), meta), Modals.Form(FormDocs.Ownership(), meta),
            Modals.Note("G-7: Still broken because it is a very long title", FormDocs.NoteInput("What still breaks?", required: true), meta)];
        foreach (var view in views)
        {
            using var doc = JsonDocument.Parse(JsonSerializer.Serialize(view, SlackJson.Default.ModalView));
            var root = doc.RootElement;
            Assert.Equal("modal", root.GetProperty("type").GetString());
            Assert.InRange(root.GetProperty("title").GetProperty("text").GetString()!.Length, 1, 24);
            Assert.InRange(root.GetProperty("submit").GetProperty("text").GetString()!.Length, 1, 24);
            Assert.InRange(root.GetProperty("private_metadata").GetString()!.Length, 1, 3000);
            BlockLimits.AssertBlocks(root.GetProperty("blocks"), 100);
            foreach (var b in root.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "input"))
            {
                Assert.Equal(b.GetProperty("block_id").GetString(), b.GetProperty("element").GetProperty("action_id").GetString());
                if (b.GetProperty("element").TryGetProperty("initial_value", out var initial)) Assert.InRange(initial.GetString()!.Length, 1, TextLimits.Title);
            }
        }
        Assert.Equal(meta, Modals.ReadMeta(views[2].PrivateMetadata));
    }

    [Theory]
    [InlineData("Hi <@U0ANA> see <https://x.test/a|the doc>", "Hi &lt;@U0ANA&gt; see &lt;https://x.test/a|the doc&gt;")]
    [InlineData("ping <!channel> now", "ping &lt;!channel&gt; now")]
    [InlineData("a < b > c & d", "a &lt; b &gt; c &amp; d")]
    [InlineData("typed &lt; stays typed", "typed &amp;lt; stays typed")]
    public void Mrkdwn_Escape_NothingInFallbackTextIsALinkOrMention(string text, string expected) =>
        Assert.Equal(expected, Mrkdwn.Escape(text));

    [Theory]
    [InlineData("<@U0ANA|Ana> &amp; <https://x.test|doc>", "<@U0ANA|Ana> & doc")]
    [InlineData("<@U0ANA> told <!here> in <#C0PILOT|pilot>", "<@U0ANA> told @here in #pilot")]
    [InlineData("see <https://x.test/a>", "see https://x.test/a")]
    [InlineData("&lt;b&gt;x&lt;/b&gt; *y* &lt;https://a|b&gt;", "<b>x</b> *y* <https://a|b>")]
    [InlineData("plain", "plain")]
    [InlineData("raw <script>x</script> stays", "raw <script>x</script> stays")]
    public void Mrkdwn_ToPlain_ReadsAsPeopleTypedIt(string text, string expected) => Assert.Equal(expected, Mrkdwn.ToPlain(text));

    [Fact]
    public void Message_TextAndCardForOneReader_OneMessageWithFallback()
    {
        var gap = Cards.Gap(2);
        var message = CardRenderer.Message(["This card is out of date"], GapDocs.Row(Cards.Recovery(), gap, Cards.Today, []));

        Assert.Equal("This card is out of date", message.Text);
        Assert.IsType<RichTextBlock>(message.Blocks![0]);
        Assert.IsType<HeaderBlock>(message.Blocks![1]);
        BlockLimits.AssertMessage(Json(message));
    }
}
