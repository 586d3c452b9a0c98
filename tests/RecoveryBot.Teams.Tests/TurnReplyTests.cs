using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Cards;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>
/// How a turn's replies become Connector sends: a line and the card right after it for the same audience go as
/// one activity (text above the card), and user text in both is escaped.
/// </summary>
public sealed class TurnReplyTests : IAsyncLifetime
{
    private const string Conversation = "2a5e2ee7-d4f8-43ae-8a9f-d61ed744341c";
    private FakeConnector _connector = null!;
    private TeamsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _host = await TeamsTestHost.StartLocalAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    /// <summary>Sends <paramref name="text"/> as Alex in the personal chat; returns the Connector calls it caused.</summary>
    private async Task<List<ConnectorCall>> SayAsync(string text)
    {
        var before = _connector.Calls.Count;
        using var response = await _host.PostAsync(Fixtures.Retarget("message-personal", _connector.ServiceUrl, j => j["text"] = text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. _connector.Calls.Skip(before)];
    }

    private static JsonNode Card(ConnectorCall call)
    {
        var attachment = Assert.Single(call.Body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        return attachment["content"]!;
    }

    private static string? TitleOf(JsonNode card) => CardText.Title(card);

    [Fact]
    public async Task GapReport_IsOneConnectorPost_WithTheLineAboveTheCard()
    {
        await SayAsync("start Quotes rollout");

        var calls = await SayAsync("gap Sales reps cannot send quotes from mobile");

        var call = Assert.Single(calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal($"/_connector/v3/conversations/{Conversation}/activities/cd074107-9ee9-4b84-912f-2896f5dcafd1", call.RawTarget);
        Assert.Equal("message", (string?)call.Body["type"]);
        Assert.Equal("markdown", (string?)call.Body["textFormat"]);
        Assert.StartsWith("G-1 logged by Alex Wilber: Sales reps cannot send quotes from mobile.", (string?)call.Body["text"], StringComparison.Ordinal);
        Assert.Equal("G-1 Sales reps cannot send quotes from mobile", TitleOf(Card(call)));
    }

    [Fact]
    public async Task GapTitle_WithMarkup_IsEscapedInTheTextAndTheCard_AndTheCardStillValidates()
    {
        await SayAsync("start Quotes rollout");

        var call = Assert.Single(await SayAsync("gap <b>bold</b> **star** _u_ [link](http://x)"));

        Assert.StartsWith(@"G-1 logged by Alex Wilber: &lt;b&gt;bold&lt;/b&gt; \*\*star\*\* \_u\_ \[link\](http://x).", (string?)call.Body["text"], StringComparison.Ordinal);
        var card = Card(call);
        // The title is a TextRun: not markdown, so it carries the text exactly as typed.
        Assert.Equal("G-1 <b>bold</b> **star** _u_ [link](http://x)", TitleOf(card));
        var (exit, output) = CardValidator.RunOne(card.ToJsonString());
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task LineAndCard_ForDifferentAudiences_AreNotMerged()
    {
        var poster = _host.Services().GetRequiredService<TeamsPoster>();
        var address = new ConversationAddress(_connector.ServiceUrl, "19:abc@thread.tacv2", "tenant-1", "28:bot").ToJson();
        var g = CardSamples.Gap(2);
        var gapCard = GapDocs.Row(Testing.DocSamples.Recovery(), g, CardSamples.Today, GapActions.Retest(g));

        var ids = await poster.PostAsync(address,
        [
            new Reply.Text("Only you see this", Audience.Actor),
            new Reply.Text("G-2 logged by Lena Ortiz", Audience.Channel),
            new Reply.Card(gapCard, Audience.Channel),
            new Reply.Text("Everyone sees this", Audience.Channel),
            new Reply.Card(gapCard, Audience.Actor),
        ], CancellationToken.None);

        var calls = _connector.Calls;
        Assert.Equal(4, calls.Count);
        Assert.Equal(["msg-1", "msg-2", "msg-3", "msg-4"], ids);
        Assert.Equal("Only you see this", (string?)calls[0].Body["text"]);
        Assert.Null(calls[0].Body["attachments"]);
        Assert.Equal("G-2 logged by Lena Ortiz", (string?)calls[1].Body["text"]);
        Assert.StartsWith("G-2 ", TitleOf(Card(calls[1])), StringComparison.Ordinal);
        Assert.Equal("Everyone sees this", (string?)calls[2].Body["text"]);
        Assert.Null(calls[2].Body["attachments"]);
        Assert.Null(calls[3].Body["text"]);
        Card(calls[3]);
    }

    [Fact]
    public async Task ApprovalCard_KeepsAMessageOfItsOwn_SoTheDecisionCanReplaceIt()
    {
        var poster = _host.Services().GetRequiredService<TeamsPoster>();
        var address = new ConversationAddress(_connector.ServiceUrl, "19:abc@thread.tacv2", "tenant-1", "28:bot").ToJson();
        var change = CardSamples.Change();
        var approval = RecoveryDocs.Approval(Testing.DocSamples.Recovery(), change, [], TimeZoneInfo.Utc);

        await poster.PostAsync(address, [new Reply.Text("CR-3: Reset plan — waiting for Dana Ruiz.", Audience.Channel), new Reply.Card(approval)], CancellationToken.None);

        var calls = _connector.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Null(calls[0].Body["attachments"]);
        Assert.Null(calls[1].Body["text"]);
        Card(calls[1]);
    }
}
