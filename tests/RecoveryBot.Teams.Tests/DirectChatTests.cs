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
