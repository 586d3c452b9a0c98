using System.Net;
using System.Text.Json.Nodes;
using RecoveryBot.Core.Model;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>
/// Universal Actions in a Teams channel, over invokes shaped as Microsoft documents them (Fixtures/invoke-*.json):
/// Action.Execute clicks and refreshes answered with each viewer's card, and the "Log as gap" message action.
/// Every card in a response is checked with the Adaptive Cards library (tests/cards/validate.mjs).
/// </summary>
public sealed class UniversalActionsTests : IAsyncLifetime
{
    private static readonly (string Id, string Name) Lead = ("29:1lena-ortiz-lead", "Lena Ortiz");
    private static readonly (string Id, string Name) Approver = ("29:1dana-ruiz-approver", "Dana Ruiz");
    private static readonly (string Id, string Name) Owner = ("29:1ana-silva-owner", "Ana Silva");
    private const string Execute = "invoke-adaptiveCard-action-channel";
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

    [Fact]
    public async Task Refresh_GivesTheApproverApproveAndReject_AndEveryoneElseTheReadOnlyCard_WithoutALoop()
    {
        var plan = await ProposePlanAsync();
        var refresh = plan["refresh"]!;
        Assert.Equal(new JsonArray(Approver.Id).ToJsonString(), refresh["userIds"]!.ToJsonString());
        Assert.Equal("refresh", (string?)refresh["action"]!["verb"]);

        var forApprover = await CardAsync(await InvokeAsync(Approver, refresh["action"]!["data"]!, "refresh", automatic: true));
        Assert.Equal(["Approve", "Reject"], Titles(forApprover));
        var forLead = await CardAsync(await InvokeAsync(Lead, refresh["action"]!["data"]!, "refresh"));
        Assert.Empty(Titles(forLead));
        Assert.Contains("Reset plan", forLead.ToJsonString(), StringComparison.Ordinal);

        // The approver's card asks once more only if something changed: the same revision gives no refresh.
        var again = await CardAsync(await InvokeAsync(Approver, forApprover["refresh"]!["action"]!["data"]!, "refresh", automatic: true));
        Assert.Null(again["refresh"]);
        Assert.Equal(["Approve", "Reject"], Titles(again));
    }

    [Theory]
    [InlineData("""{"card":"gap","gap":"G-9","rev":0}""", "G-9 is no longer here")]
    [InlineData("""{"card":"change","cr":7,"rev":2}""", "CR-7 is no longer here")]
    [InlineData("""{"card":"nonsense"}""", "This item is no longer here")]
    public async Task Refresh_ForAnItemThatIsGone_StillAnswersWithAValidCard(string data, string title)
    {
        await SayAsync(Lead, "start Quotes rollout");

        var card = await CardAsync(await InvokeAsync(Owner, JsonNode.Parse(data)!, "refresh", automatic: true));

        Assert.Contains(title, card.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(card["actions"]);
    }

    [Fact]
    public async Task Refresh_WhereNoRecoveryRuns_StillAnswersWithAValidCard()
    {
        var card = await CardAsync(await InvokeAsync(Owner, JsonNode.Parse("""{"card":"gap","gap":"G-1","rev":0}""")!, "refresh", automatic: true));

        Assert.Contains("G-1 is no longer here", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_ByTheOwner_MovesTheItem_UpdatesTheClickedMessageForEveryone_AndAnswersWithTheirCard()
    {
        var (messageId, begin) = await AssignedGapAsync();
        var before = _connector.Calls.Count;

        var card = await CardAsync(await InvokeAsync(Owner, begin, "begin", replyToId: messageId));

        Assert.Equal(GapStatus.InProgress, (await GapAsync()).Status);
        Assert.Contains("in progress", card.ToJsonString(), StringComparison.Ordinal);
        var put = Assert.Single(_connector.Calls.Skip(before), c => c.Method == "PUT");
        Assert.EndsWith($"/activities/{messageId}", put.RawTarget, StringComparison.Ordinal);
        Assert.Contains("in progress", put.Body["attachments"]![0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_Stale_ChangesNothing_AndAnswersWithTheCardAsItStands()
    {
        var (messageId, begin) = await AssignedGapAsync();
        begin["rev"] = 0; // the card of the report, before the assignment
        var before = _connector.Calls.Count;

        var card = await CardAsync(await InvokeAsync(Owner, begin, "begin", replyToId: messageId));

        Assert.Contains("out of date", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["Start work"], Titles(card));
        Assert.Equal(GapStatus.Planned, (await GapAsync()).Status);
        Assert.DoesNotContain(_connector.Calls.Skip(before), c => c.Method == "PUT");
    }

    [Fact]
    public async Task Execute_ForgedBySomeoneWithoutTheRole_IsRefusedWithTheOwnersName_AndChangesNothing()
    {
        var (messageId, begin) = await AssignedGapAsync();

        var card = await CardAsync(await InvokeAsync(Approver, begin, "begin", replyToId: messageId));

        Assert.Contains($"Only the owner of G-1, {Owner.Name}", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(card["actions"]);
        Assert.Equal(GapStatus.Planned, (await GapAsync()).Status);
    }

    [Fact]
    public async Task Execute_WithoutAVerb_IsAnErrorResponse()
    {
        using var response = await _host.PostAsync(Fixtures.Retarget(Execute, _connector.ServiceUrl, j => j["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Contains("nothing was changed", (string?)body["value"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchTask_FromAMessage_OpensTheGapFormWithTheMessageAsTitle()
    {
        await SayAsync(Lead, "start Quotes rollout");

        var task = await TaskAsync(await _host.PostAsync(Fixtures.Retarget("invoke-composeExtension-fetchTask-channel", _connector.ServiceUrl)));

        Assert.Equal("continue", (string?)task["type"]);
        var attachment = task["value"]!["card"]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        var title = card["body"]!.AsArray().Single(e => (string?)e!["id"] == "title")!;
        Assert.Equal("Quotes & invoices fail on mobile since the update", (string?)title["value"]);
        // Dialogs submit with Action.Submit: Teams runs no Action.Execute in a task module.
        Assert.Equal("Action.Submit", (string?)card["actions"]![0]!["type"]);
        var (exit, output) = CardValidator.RunOne(card.ToJsonString());
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task FetchTask_WhereNoRecoveryRuns_SaysSoInTheDialog()
    {
        var task = await TaskAsync(await _host.PostAsync(Fixtures.Retarget("invoke-composeExtension-fetchTask-channel", _connector.ServiceUrl)));

        Assert.Equal("message", (string?)task["type"]);
        Assert.StartsWith("There is no recovery in this channel yet.", (string?)task["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAction_LogsTheGapInTheChannelsRecovery_WithALinkBackToTheMessage()
    {
        await SayAsync(Lead, "start Quotes rollout");
        var before = _connector.Calls.Count;

        var task = await TaskAsync(await _host.PostAsync(Fixtures.Retarget("invoke-composeExtension-submitAction-channel", _connector.ServiceUrl)));

        Assert.Equal("message", (string?)task["type"]);
        Assert.Contains("G-1 logged by Ana Silva: Quotes & invoices fail on mobile.", (string?)task["value"], StringComparison.Ordinal);
        var gap = await GapAsync();
        Assert.Equal("Quotes & invoices fail on mobile", gap.Title);
        Assert.Equal("Field sales", gap.Affected);
        Assert.StartsWith("https://teams.microsoft.com/l/message/19:quotes-recovery@thread.tacv2/1764489600000", gap.SourceLink, StringComparison.Ordinal);
        var posted = Assert.Single(_connector.Calls.Skip(before), c => c.Method == "POST" && c.Body["attachments"] is not null);
        Assert.Contains("Logged from this message", posted.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAction_WhereNoRecoveryRuns_IsRefusedInTheDialog_AndLogsNothing()
    {
        var task = await TaskAsync(await _host.PostAsync(Fixtures.Retarget("invoke-composeExtension-submitAction-channel", _connector.ServiceUrl)));

        Assert.Equal("message", (string?)task["type"]);
        Assert.StartsWith("There is no recovery in this channel yet.", (string?)task["value"], StringComparison.Ordinal);
        Assert.Empty(_host.Store.AllRecoveries());
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task SubmitAction_WithoutATitle_IsRefusedLikeGap()
    {
        await SayAsync(Lead, "start Quotes rollout");

        var task = await TaskAsync(await _host.PostAsync(Fixtures.Retarget("invoke-composeExtension-submitAction-channel", _connector.ServiceUrl,
            j => j["value"]!["data"]!["title"] = "  ")));

        Assert.StartsWith("A gap needs a title", (string?)task["value"], StringComparison.Ordinal);
        var recovery = Assert.Single(_host.Store.AllRecoveries());
        Assert.Empty(await _host.Store.ListGapsAsync(recovery.Id, CancellationToken.None));
    }

    [Fact]
    public async Task OtherMessageExtensionInvoke_Is501()
    {
        using var response = await _host.PostAsync(Fixtures.Retarget("invoke-composeExtension-fetchTask-channel", _connector.ServiceUrl, j => j["name"] = "composeExtension/query"));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    private async Task SayAsync((string Id, string Name) from, string text, params (string Id, string Name)[] mentions)
    {
        using var response = await _host.PostAsync(Fixtures.Retarget(Execute, _connector.ServiceUrl, j =>
        {
            j["type"] = "message";
            j.Remove("name");
            j.Remove("value");
            j.Remove("replyToId");
            j["text"] = "<at>RecoveryBot</at> " + text;
            j["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name };
            var entities = new JsonArray(Mention(("28:8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "RecoveryBot")));
            foreach (var m in mentions) entities.Add(Mention(m));
            j["entities"] = entities;
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static JsonObject Mention((string Id, string Name) who) => new()
    {
        ["type"] = "mention", ["text"] = $"<at>{who.Name}</at>", ["mentioned"] = new JsonObject { ["id"] = who.Id, ["name"] = who.Name },
    };

    private async Task<HttpResponseMessage> InvokeAsync((string Id, string Name) from, JsonNode data, string verb, string? replyToId = null, bool automatic = false) =>
        await _host.PostAsync(Fixtures.Retarget(Execute, _connector.ServiceUrl, j =>
        {
            j["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name };
            if (replyToId is not null) j["replyToId"] = replyToId;
            j["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "", ["verb"] = verb, ["data"] = data.DeepClone() },
                ["trigger"] = automatic ? "automatic" : "manual",
            };
        }));

    /// <summary>The card of an <c>application/vnd.microsoft.card.adaptive</c> invoke response, validated.</summary>
    private static async Task<JsonNode> CardAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(200, (int)body["statusCode"]!);
            Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
            var card = body["value"]!;
            var (exit, output) = CardValidator.RunOne(card.ToJsonString());
            Assert.True(exit == 0, output);
            return card;
        }
    }

    private static async Task<JsonNode> TaskAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task"]!;
        }
    }

    private static List<string> Titles(JsonNode card) =>
        card["actions"]?.AsArray().Select(a => (string)a!["title"]!).ToList() ?? [];

    private async Task<Gap> GapAsync()
    {
        var recovery = Assert.Single(_host.Store.AllRecoveries());
        return Assert.Single(await _host.Store.ListGapsAsync(recovery.Id, CancellationToken.None));
    }

    /// <summary>Lead Lena proposes the reset plan with Dana as the approver; returns the posted approval card.</summary>
    private async Task<JsonNode> ProposePlanAsync()
    {
        await SayAsync(Lead, "start Quotes rollout");
        await SayAsync(Lead, $"approver <at>{Approver.Name}</at>", Approver);
        var before = _connector.Calls.Count;
        await SayAsync(Lead, "plan");
        // The channel's card comes first; the approver's own copy follows in her 1:1 chat.
        return _connector.Calls.Skip(before).First(c => c.Body["attachments"] is not null).Body["attachments"]![0]!["content"]!;
    }

    /// <summary>G-1 reported and assigned to Ana: returns the `show G-1` card's message id and its Start work data.</summary>
    private async Task<(string MessageId, JsonObject Begin)> AssignedGapAsync()
    {
        await SayAsync(Lead, "start Quotes rollout");
        await SayAsync(Lead, "gap Sales reps cannot send quotes from mobile");
        await SayAsync(Lead, $"assign G-1 <at>{Owner.Name}</at> fri", Owner);
        var before = _connector.Calls.Count;
        await SayAsync(Owner, "show G-1");
        var calls = _connector.Calls.Skip(before).ToList();
        var index = calls.FindIndex(c => c.Body["attachments"] is not null);
        var card = calls[index].Body["attachments"]![0]!["content"]!;
        Assert.Equal(new JsonArray(Owner.Id).ToJsonString(), card["refresh"]!["userIds"]!.ToJsonString());
        var begin = card["actions"]!.AsArray().Single(a => (string?)a!["title"] == "Start work")!;
        Assert.Equal("Action.Execute", (string?)begin["type"]);
        return ($"msg-{before + index + 1}", begin["data"]!.AsObject());
    }
}
