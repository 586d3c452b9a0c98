using System.Net;
using System.Text.Json.Nodes;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>
/// A reset plan through the real Core: the approval card is posted, remembered, and after the approver's click
/// updated in place (Action.Submit → PUT), or replaced in the invoke response (Action.Execute).
/// </summary>
public sealed class ApprovalFlowTests : IAsyncLifetime
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

    private async Task SayAsync(string text, string fromId = "user-id-0", string fromName = "Alex Wilber", JsonArray? entities = null)
    {
        using var response = await _host.PostAsync(Fixtures.Retarget("message-personal", _connector.ServiceUrl, j =>
        {
            j["text"] = text;
            j["from"] = new JsonObject { ["id"] = fromId, ["name"] = fromName };
            if (entities is not null) j["entities"] = entities;
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Lead Alex proposes the plan; Megan is the approver. Returns the posted card's message id and its Approve data.</summary>
    private async Task<(string MessageId, JsonObject Approve)> ProposePlanAsync()
    {
        await SayAsync("start Quotes rollout");
        await SayAsync("approver <at>Megan Bowen</at>", entities:
            [new JsonObject { ["type"] = "mention", ["text"] = "<at>Megan Bowen</at>", ["mentioned"] = new JsonObject { ["id"] = "user-id-1", ["name"] = "Megan Bowen" } }]);
        var before = _connector.Calls.Count;
        await SayAsync("plan");
        var calls = _connector.Calls.Skip(before).ToList();
        var index = calls.FindIndex(c => c.Body["attachments"] is not null);
        Assert.True(index >= 0, "no card was posted for `plan`");
        var messageId = $"msg-{before + index + 1}";
        // Posted to the lead's chat, the card is his view: no Approve. Its refresh names the approver, whose client
        // asks for her own view, with Approve.
        var posted = calls[index].Body["attachments"]![0]!["content"]!;
        Assert.DoesNotContain(posted["actions"]?.AsArray() ?? [], a => (string?)a!["title"] == "Approve");
        Assert.Equal("""["user-id-1"]""", posted["refresh"]!["userIds"]!.ToJsonString());
        var mine = await RefreshAsync("user-id-1", "Megan Bowen", posted["refresh"]!["action"]!["data"]!.AsObject(), messageId);
        var actions = mine["actions"]!.AsArray();
        return (messageId, actions.Single(a => (string?)a!["title"] == "Approve")!["data"]!.AsObject());
    }

    /// <summary>The card a refresh invoke from <paramref name="fromId"/> answers with.</summary>
    private async Task<JsonNode> RefreshAsync(string fromId, string fromName, JsonObject data, string messageId)
    {
        using var response = await _host.PostAsync(Fixtures.Retarget("message-personal", _connector.ServiceUrl, j =>
        {
            j["type"] = "invoke";
            j["name"] = "adaptiveCard/action";
            j.Remove("text");
            j["from"] = new JsonObject { ["id"] = fromId, ["name"] = fromName };
            j["replyToId"] = messageId;
            j["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "refresh", ["data"] = data.DeepClone() }, ["trigger"] = "automatic" };
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!;
    }

    [Fact]
    public async Task Mine_InThePersonalChat_AnswersWithACardOfWhatWaitsWithItsButtons()
    {
        await ProposePlanAsync();
        var before = _connector.Calls.Count;

        await SayAsync("mine", "user-id-1", "Megan Bowen");

        var calls = _connector.Calls.Skip(before).ToList();
        var card = calls.Select(c => c.Body["attachments"]?[0]?["content"]).Single(c => c is not null)!;
        Assert.Equal("Quotes rollout", (string?)card["body"]![0]!["inlines"]![0]!["text"]);
        Assert.Contains(card["actions"]!.AsArray(), a => (string?)a!["title"] == "CR-1: Approve");
        Assert.Contains(card["actions"]!.AsArray(), a => (string?)a!["title"] == "CR-1: Reject");
    }

    [Fact]
    public async Task Mine_NothingWaits_OneLine()
    {
        await SayAsync("start Quotes rollout");
        var before = _connector.Calls.Count;

        await SayAsync("mine", "user-id-2", "Lynne Robbins");

        var reply = Assert.Single(_connector.Calls.Skip(before));
        Assert.Null(reply.Body["attachments"]);
        Assert.StartsWith("Nothing waits for you", (string?)reply.Body["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitApprove_UpdatesTheCardInPlace()
    {
        var (messageId, approve) = await ProposePlanAsync();
        var before = _connector.Calls.Count;

        using var response = await _host.PostAsync(Fixtures.Retarget("message-card-submit-personal", _connector.ServiceUrl, j =>
        {
            j["from"] = new JsonObject { ["id"] = "user-id-1", ["name"] = "Megan Bowen" };
            j["replyToId"] = messageId;
            j["value"] = approve.DeepClone();
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = _connector.Calls.Skip(before).ToList();
        var put = Assert.Single(calls, c => c.Method == "PUT" && c.RawTarget.Contains(Conversation, StringComparison.Ordinal));
        Assert.Equal($"/_connector/v3/conversations/{Conversation}/activities/{messageId}", put.RawTarget);
        var card = put.Body["attachments"]![0]!["content"]!;
        Assert.Null(card["actions"]);
        Assert.Contains("Approved by Megan Bowen", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(calls, c => c.Method == "POST" && ((string?)c.Body["text"])?.Contains("Approved by Megan Bowen", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ExecuteApprove_ReturnsTheDecidedCardInTheInvokeResponse()
    {
        var (messageId, approve) = await ProposePlanAsync();
        var before = _connector.Calls.Count;
        var data = approve.DeepClone().AsObject();
        data.Remove("rb");

        using var response = await _host.PostAsync(Fixtures.Retarget("message-personal", _connector.ServiceUrl, j =>
        {
            j["type"] = "invoke";
            j["name"] = "adaptiveCard/action";
            j.Remove("text");
            j["from"] = new JsonObject { ["id"] = "user-id-1", ["name"] = "Megan Bowen" };
            j["replyToId"] = messageId;
            j["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "approve", ["data"] = data }, ["trigger"] = "manual" };
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Equal("AdaptiveCard", (string?)body["value"]!["type"]);
        Assert.Contains("Approved by Megan Bowen", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        // The clicked card is replaced by the invoke response; the approver's copy in her 1:1 chat is updated in place.
        Assert.DoesNotContain(_connector.Calls.Skip(before), c => c.Method == "PUT" && c.RawTarget.EndsWith($"/activities/{messageId}", StringComparison.Ordinal));
        var copy = Assert.Single(_connector.Calls.Skip(before), c => c.Method == "PUT");
        Assert.Contains("Approved by Megan Bowen", copy.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteFromSomeoneElse_AnswersWithTheReadOnlyCardNamingTheApprover_AndChangesNothing()
    {
        var (messageId, approve) = await ProposePlanAsync();

        using var response = await _host.PostAsync(Fixtures.Retarget("message-personal", _connector.ServiceUrl, j =>
        {
            j["type"] = "invoke";
            j["name"] = "adaptiveCard/action";
            j["replyToId"] = messageId;
            j["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "approve", ["data"] = approve.DeepClone() } };
        }));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        var card = body["value"]!;
        Assert.Contains("Only the approver, Megan Bowen, can approve.", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(card["actions"]);
        var recovery = Assert.Single(_host.Store.AllRecoveries());
        Assert.Equal(Core.Model.ApprovalState.Pending, (await _host.Store.GetChangeRequestAsync(recovery.Id, 1, CancellationToken.None))!.State);
        var (exit, output) = CardValidator.RunOne(card.ToJsonString());
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task OwnershipSubmit_AllFourAnswers_PostsTheCardAndStopsThe48HourWatch()
    {
        await SayAsync("start Quotes rollout");
        var before = _connector.Calls.Count;
        using var response = await _host.PostAsync(Fixtures.Retarget("message-card-submit-personal", _connector.ServiceUrl, j =>
        {
            j["value"] = new JsonObject
            {
                ["rb"] = "submit-ownership", ["broken"] = "Quotes fail on mobile", ["affected"] = "40 sales reps",
                ["doing_now"] = "Hotfix in test", ["next_update"] = "Friday 16:00",
            };
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = Assert.Single(_connector.Calls.Skip(before), c => c.Method == "POST" && c.Body["attachments"] is not null);
        Assert.Contains("Quotes fail on mobile", card.Body.ToJsonString(), StringComparison.Ordinal);
        var recovery = Assert.Single(_host.Store.AllRecoveries());
        Assert.NotNull(recovery.OwnershipPostedAt);
        var plan = Core.Schedule.SchedulePlanner.Plan(new Core.Schedule.ScheduleInput(recovery, [], []), recovery.StartedAt, recovery.StartedAt.AddDays(3));
        Assert.DoesNotContain(plan.Due, o => o.Kind == Core.Schedule.PostKind.OwnershipWatch);
    }
}
