using System.Net;
using System.Text.Json.Nodes;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>
/// Personal work on Teams goes to the person's 1:1 chat with the bot: created with POST /v3/conversations (the member
/// and the tenant), posted there as that person's own view of the card, and kept so the decision updates it too.
/// When Teams refuses the chat for good, the channel post (which already mentions them) is all they get.
/// </summary>
public sealed class DirectChatTests : IAsyncLifetime
{
    private static readonly (string Id, string Name) Lead = ("29:1lena-ortiz-lead", "Lena Ortiz");
    private static readonly (string Id, string Name) Approver = ("29:1dana-ruiz-approver", "Dana Ruiz");
    private const string Channel = "invoke-adaptiveCard-action-channel";
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
    public async Task Plan_OpensTheApproversChat_AndPostsHerViewWithApprove()
    {
        await SayAsync(Lead, "start Quotes rollout");
        await SayAsync(Lead, $"approver <at>{Approver.Name}</at>", Approver);
        var before = _connector.Calls.Count;

        await SayAsync(Lead, "plan");

        var calls = _connector.Calls.Skip(before).ToList();
        var create = Assert.Single(calls, c => c.Method == "POST" && c.RawTarget == "/_connector/v3/conversations");
        Assert.Equal(Approver.Id, (string?)create.Body["members"]![0]!["id"]);
        Assert.False((bool)create.Body["isGroup"]!);
        Assert.Equal((string?)create.Body["tenantId"], (string?)create.Body["channelData"]!["tenant"]!["id"]);
        Assert.False(string.IsNullOrEmpty((string?)create.Body["tenantId"]));
        var chatId = $"msg-{before + calls.IndexOf(create) + 1}";
        var dm = Assert.Single(calls, c => c.RawTarget == $"/_connector/v3/conversations/{chatId}/activities");
        var card = dm.Body["attachments"]![0]!["content"]!;
        Assert.Equal(["Approve", "Reject"], card["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        Assert.Contains("Lena Ortiz asks for your decision on CR-1", card.ToJsonString(), StringComparison.Ordinal);
        // The channel's copy shows no Approve: only Dana may press it, and her client asks for her view.
        var channelCard = calls.First(c => c.Body["attachments"] is not null).Body["attachments"]![0]!["content"]!;
        Assert.Null(channelCard["actions"]);
    }

    [Fact]
    public async Task Plan_TeamsRefusesTheChat_TheChannelPostStandsAndNothingBreaks()
    {
        await SayAsync(Lead, "start Quotes rollout");
        await SayAsync(Lead, $"approver <at>{Approver.Name}</at>", Approver);
        var before = _connector.Calls.Count;
        // The reply line and the card go first; the chat's creation is refused (the app is not installed for her).
        _connector.FailOn("/_connector/v3/conversations", HttpStatusCode.Forbidden, body: """{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}""");

        await SayAsync(Lead, "plan");

        var calls = _connector.Calls.Skip(before).ToList();
        Assert.Contains(calls, c => ((string?)c.Body["text"])?.Contains("CR-1: Reset plan", StringComparison.Ordinal) == true);
        Assert.Single(calls, c => c.RawTarget == "/_connector/v3/conversations");
        Assert.Equal(3, calls.Count); // no retry loop
    }

    [Fact]
    public async Task MarkFixReadyForm_PeoplePickerNamesAColleague_TheConnectorNamesTheirTeamsId_AndTheFixIsReady()
    {
        await SayAsync(Lead, "start Quotes rollout");
        await SayAsync(Lead, "gap Sales reps cannot send quotes from mobile");
        await SayAsync(Lead, $"assign G-1 <at>{Owner.Name}</at> 2026-12-04", Owner);
        await SayAsync(Owner, "begin G-1");
        var gap = Assert.Single(await _host.Store.ListGapsAsync(Assert.Single(_host.Store.AllRecoveries()).Id, CancellationToken.None));
        // Teams' people picker submits the colleague's Microsoft Entra object id; the Connector knows their Teams id.
        const string RaviAad = "6f1b2c3d-0000-4a6b-8c7d-9e0f1a2b3c4d";
        _connector.Members[RaviAad] = ("29:1ravi-mehta-retester", "Ravi Mehta");

        var card = await SubmitReadyAsync(Owner, gap.Revision, RaviAad);

        var member = Assert.Single(_connector.Calls, c => c.Method == "GET");
        Assert.EndsWith($"/members/{RaviAad}", member.RawTarget, StringComparison.Ordinal);
        Assert.Null(member.Authorization); // a local mock connector gets no token
        gap = Assert.Single(await _host.Store.ListGapsAsync(Assert.Single(_host.Store.AllRecoveries()).Id, CancellationToken.None));
        Assert.Equal(Core.Model.GapStatus.FixReady, gap.Status);
        Assert.Equal(new Core.Model.UserRef("29:1ravi-mehta-retester", "Ravi Mehta"), gap.Retester);
        Assert.NotNull(card);
    }

    [Fact]
    public async Task MarkFixReadyForm_PickedPersonNobodyKnows_RefusedInOneLine_NothingChanges()
    {
        await SayAsync(Lead, "start Quotes rollout");
        await SayAsync(Lead, "gap Sales reps cannot send quotes from mobile");
        await SayAsync(Lead, $"assign G-1 <at>{Owner.Name}</at> 2026-12-04", Owner);
        await SayAsync(Owner, "begin G-1");
        var gap = Assert.Single(await _host.Store.ListGapsAsync(Assert.Single(_host.Store.AllRecoveries()).Id, CancellationToken.None));

        using var response = await InvokeReadyAsync(Owner, gap.Revision, "0a0a0a0a-0000-4000-8000-000000000000");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        Assert.Contains("@mention", (string?)body["value"], StringComparison.Ordinal);
        gap = Assert.Single(await _host.Store.ListGapsAsync(Assert.Single(_host.Store.AllRecoveries()).Id, CancellationToken.None));
        Assert.Equal(Core.Model.GapStatus.InProgress, gap.Status);
    }

    private static readonly (string Id, string Name) Owner = ("29:1ana-silva-owner", "Ana Silva");

    private async Task<JsonNode?> SubmitReadyAsync((string Id, string Name) from, int revision, string picked)
    {
        using var response = await InvokeReadyAsync(from, revision, picked);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> InvokeReadyAsync((string Id, string Name) from, int revision, string picked) =>
        _host.PostAsync(Fixtures.Retarget(Channel, _connector.ServiceUrl, j =>
        {
            j["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name };
            // Action.Execute: the form's inputs arrive merged into the action's data.
            j["value"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute", ["verb"] = "submit-ready",
                    ["data"] = new JsonObject { ["rb"] = "submit-ready", ["gap"] = "G-1", ["rev"] = revision, ["retester"] = picked, ["retest_date"] = "2026-12-02" },
                },
                ["trigger"] = "manual",
            };
        }));

    private async Task SayAsync((string Id, string Name) from, string text, params (string Id, string Name)[] mentions)
    {
        using var response = await _host.PostAsync(Fixtures.Retarget(Channel, _connector.ServiceUrl, j =>
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
}
