using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Bot;
using RecoveryBot.Teams.Cards;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>Every card as Adaptive Card 1.5 JSON, checked by Microsoft's renderer library and against Teams' size limit.</summary>
public sealed class CardTests
{
    private const int MessageBudget = 80 * 1024;

    private static JsonObject Json(AdaptiveCard card) =>
        JsonNode.Parse(JsonSerializer.Serialize(card, TeamsJson.Wire.AdaptiveCard))!.AsObject();

    private static string Wire(AdaptiveCard card) => JsonSerializer.Serialize(card, TeamsJson.Wire.AdaptiveCard);

    [Fact]
    public void WireJson_KeepsNonAsciiTextUnescaped()
    {
        var json = Wire(Blocks.Card([Blocks.Bullet("Größe — <b>&")]));

        Assert.Contains("\"text\":\"Größe — <b>&\"", json, StringComparison.Ordinal);
    }

    private static int MessageBytes(AdaptiveCard card)
    {
        var to = new Destination("https://smba.trafficmanager.net/amer/", "19:abc@thread.tacv2;messageid=1", "1",
            new ChannelAccount { Id = "28:bot", Name = "RecoveryBot" }, new ChannelAccount { Id = "29:user", Name = "User" }, new ChannelKey("teams", "t", "c"));
        return JsonSerializer.SerializeToUtf8Bytes(ReplySender.Message(to, null, card), TeamsJson.Wire.OutboundActivity).Length;
    }

    [Fact]
    public void Buttons_CarryVerbItemAndRevision_AndANoteCardWhenNeeded()
    {
        var g = CardSamples.Gap(7);
        var doc = GapDocs.Retest(Testing.DocSamples.Recovery(), g, GapActions_Retest(g));
        // Posted to the channel: no verdict buttons, a refresh for the retester; the retester's view has them.
        var posted = Json(CardRenderer.Render(doc));
        Assert.Null(posted["actions"]);
        Assert.Equal(new JsonArray(g.Retester!.Id).ToJsonString(), posted["refresh"]!["userIds"]!.ToJsonString());
        var card = Json(CardRenderer.Render(doc, g.Retester!.Id));
        var actions = card["actions"]!.AsArray();

        Assert.Equal("Action.Execute", (string?)actions[0]!["type"]);
        Assert.Equal("works", (string?)actions[0]!["verb"]);
        Assert.Equal("""{"rb":"works","gap":"G-7","rev":4,"card":"retest"}""", actions[0]!["data"]!.ToJsonString());
        Assert.Equal("Action.ShowCard", (string?)actions[1]!["type"]);
        var note = actions[1]!["card"]!["body"]![0]!;
        Assert.Equal(FormFields.Note, (string?)note["id"]);
        Assert.True((bool)note["isRequired"]!);
        Assert.Equal("""{"rb":"broken","gap":"G-7","rev":4,"card":"retest"}""", actions[1]!["card"]!["actions"]![0]!["data"]!.ToJsonString());
        Assert.Equal("Action.Execute", (string?)actions[1]!["card"]!["actions"]![0]!["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
    }

    private static IReadOnlyList<ActionView> GapActions_Retest(Gap g) => Core.Rules.GapActions.Retest(g);

    [Fact]
    public void DecidedApproval_ShowsTheDecisionAndNoButtons()
    {
        var decided = CardSamples.All().Single(c => c.Name == "approval-rejected").View;
        var card = Json(CardRenderer.Render(decided));

        Assert.Null(card["actions"]);
        Assert.Contains("Rejected by Dana Ruiz on Mon 30 Nov 2026 09:00: scope too wide", CardText.Texts(card));
        Assert.DoesNotContain("Action.", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LogCard_PaginatesWithLogPageSubmits()
    {
        var log = CardSamples.All().Single(c => c.Name == "log").View;
        var actions = Json(CardRenderer.Render(log))["actions"]!.AsArray();

        Assert.Equal(["Previous", "Next"], actions.Select(a => (string?)a!["title"]));
        Assert.Equal("""{"rb":"log-page","filter":"open","page":"1"}""", actions[0]!["data"]!.ToJsonString());
        Assert.Equal("""{"rb":"log-page","filter":"open","page":"3"}""", actions[1]!["data"]!.ToJsonString());
    }

    [Fact]
    public void Forms_SubmitWithTheirVerbs_AndTheFieldsCoreReads()
    {
        var gap = Json(CardRenderer.Render(FormDocs.Gap())).ToJsonString();
        var ownership = Json(CardRenderer.Render(FormDocs.Ownership())).ToJsonString();

        foreach (var id in new[] { FormFields.Title, FormFields.Expected, FormFields.Actual, FormFields.Impact, FormFields.Affected, FormFields.Kind })
            Assert.Contains($"\"id\":\"{id}\"", gap, StringComparison.Ordinal);
        foreach (var id in new[] { FormFields.Broken, FormFields.Affected, FormFields.DoingNow, FormFields.NextUpdate })
            Assert.Contains($"\"id\":\"{id}\"", ownership, StringComparison.Ordinal);
        Assert.Contains("\"rb\":\"submit-gap\"", gap, StringComparison.Ordinal);
        Assert.Contains("\"rb\":\"submit-ownership\"", ownership, StringComparison.Ordinal);
    }

    [Fact]
    public void LongestCards_StayUnder80KB()
    {
        var huge = new string('Ü', 5000);
        var rows = Enumerable.Range(1, 200).Select(n => CardSamples.Gap(n, title: new string('x', 200) + n, longText: huge)).ToList();
        var history = Enumerable.Range(0, 200).Select(i => new HistoryEvent(new GapId(1), CardSamples.Now, CardSamples.Lena, "status " + huge, huge, huge, huge)).ToList();
        var g = rows[0];
        var r = Testing.DocSamples.Recovery(huge);
        CardDoc[] views =
        [
            RecoveryDocs.Log(r, "All items", LogFilter.All, rows, 1, 14, 200, CardSamples.Today),
            GapDocs.Detail(r, g, CardSamples.Today, history, Core.Rules.GapActions.Retest(g)),
            RecoveryDocs.Approval(r, CardSamples.Change(), [new Section(huge, [.. Enumerable.Repeat(huge, 200)])], TimeZoneInfo.Utc),
            CheckinComposer.Compose(r, rows, [], CardSamples.Now, null) with { Sections = [.. Enumerable.Range(0, 50).Select(i => new Section(huge, [.. Enumerable.Repeat(huge, 20)]))] },
        ];

        foreach (var view in views)
        {
            var card = CardRenderer.Render(view);
            Assert.True(MessageBytes(card) < MessageBudget, $"{view.Summary[..Math.Min(20, view.Summary.Length)]}: {MessageBytes(card)} bytes");
            Assert.True(Encoding.Unicode.GetByteCount(JsonSerializer.Serialize(card, TeamsJson.Wire.AdaptiveCard)) < 160 * 1024);
        }
    }

    [Fact]
    public void OversizedCard_IsCutAndSaysSo()
    {
        var card = Blocks.Card([.. Enumerable.Range(0, 200).Select(_ => Blocks.Text(new string('y', 1900)))]);

        var fitted = CardRenderer.Fit(card);

        Assert.True(CardRenderer.Size(fitted) <= CardRenderer.MaxCardBytes);
        Assert.Contains("cut to fit", ((RichTextBlock)fitted.Body[^1]).Inlines[0].Text, StringComparison.Ordinal);
    }
}
