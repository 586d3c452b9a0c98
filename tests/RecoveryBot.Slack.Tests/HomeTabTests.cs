using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Slack.Tests.Fakes;
using RecoveryBot.Testing;

namespace RecoveryBot.Slack.Tests;

/// <summary>The App Home tab: app_home_opened publishes the person's items; a click there acts like a click in their DM.</summary>
public sealed class HomeTabTests : IAsyncLifetime
{
    private const string Retester = "U0RETEST";
    private FakeSlackApi _api = null!;
    private SlackTestHost _host = null!;
    private readonly InMemoryRecoveryStore _store = new();

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        _host = await SlackTestHost.StartAsync(_store, _api.BaseUrl, configure: s => s.AddSingleton<IPeopleIndex>(new InMemoryPeopleIndex()));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
    }

    private async Task Say(string text, string user = "U0LEAD")
    {
        using var response = await _host.CommandAsync(text, user);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>G-1 is fix ready; U0RETEST retests it.</summary>
    private async Task FixReadyAsync()
    {
        await Say("start Pilot");
        await Say("gap Exports time out");
        await Say("assign G-1 <@U0OWNER> 2030-01-10");
        await Say("begin G-1", "U0OWNER");
        await Say($"ready G-1 retest <@{Retester}> 2030-01-12", "U0OWNER");
        Assert.Equal(GapStatus.FixReady, (await Gap()).Status);
    }

    private async Task<Gap> Gap() => (await _store.GetGapAsync(SlackWorld.Channel.RecoveryId, new GapId(1), CancellationToken.None))!;

    private static string HomeOpened(string user, string tab, string id) =>
        $$$"""{"type":"event_callback","team_id":"T0RECOV","event_id":"{{{id}}}","authorizations":[{"user_id":"U0BOT","is_bot":true}],"event":{"type":"app_home_opened","user":"{{{user}}}","channel":"D0DM","tab":"{{{tab}}}","event_ts":"1795600000.000100"}}""";

    private static IEnumerable<JsonElement> Buttons(ApiCall publish) =>
        publish.Json.GetProperty("view").GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions").SelectMany(b => b.GetProperty("elements").EnumerateArray());

    /// <summary>Every text of a block, in order.</summary>
    private static string Texts(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => string.Concat(e.EnumerateObject().Select(p => p.Name == "text" && p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : Texts(p.Value))),
        JsonValueKind.Array => string.Concat(e.EnumerateArray().Select(Texts)),
        _ => "",
    };

    [Fact]
    public async Task AppHomeOpened_PublishesThePersonsItemsWithTheirButtons()
    {
        await FixReadyAsync();

        using var response = await _host.PostAsync("/slack/events", HomeOpened(Retester, "home", "Ev0HOME1"), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var publish = (await _api.WaitFor(c => c.Any(x => x.Method == "views.publish"))).Single(c => c.Method == "views.publish");
        Assert.Equal(Retester, publish.Json.GetProperty("user_id").GetString());
        Assert.Equal("home", publish.Json.GetProperty("view").GetProperty("type").GetString());
        Assert.Contains("Exports time out", publish.Body, StringComparison.Ordinal);
        Assert.Equal(["G-1: Works in my normal day", "G-1: Still broken"], Buttons(publish).Select(b => b.GetProperty("text").GetProperty("text").GetString()));
    }

    [Fact]
    public async Task AppHomeOpened_MessagesTab_PublishesNothing()
    {
        await FixReadyAsync();

        using var response = await _host.PostAsync("/slack/events", HomeOpened(Retester, "messages", "Ev0HOME2"), "application/json");

        await Task.Delay(300);
        Assert.DoesNotContain(_api.Calls, c => c.Method == "views.publish");
    }

    [Fact]
    public async Task AppHomeOpened_NothingWaits_PublishesTheOneLine()
    {
        await FixReadyAsync();

        using var response = await _host.PostAsync("/slack/events", HomeOpened("U0NOBODY", "home", "Ev0HOME3"), "application/json");

        var publish = (await _api.WaitFor(c => c.Any(x => x.Method == "views.publish"))).Single(c => c.Method == "views.publish");
        Assert.Contains("Nothing waits for you", publish.Body, StringComparison.Ordinal);
        Assert.Empty(Buttons(publish));
    }

    [Fact]
    public async Task ClickOnTheHomeTab_Works_VerifiesTheItemAndRepublishesWithTheOutcome()
    {
        await FixReadyAsync();
        using (await _host.PostAsync("/slack/events", HomeOpened(Retester, "home", "Ev0HOME4"), "application/json")) { }
        var home = (await _api.WaitFor(c => c.Any(x => x.Method == "views.publish"))).Single(c => c.Method == "views.publish");
        var works = Buttons(home).First();

        // As Slack sends a Home tab click: the container is the view, and there is no channel.
        var click = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = Retester, ["username"] = "retester", ["name"] = "retester", ["team_id"] = "T0RECOV" },
            ["api_app_id"] = "A0RB",
            ["team"] = new JsonObject { ["id"] = "T0RECOV", ["domain"] = "recovery-pilot" },
            ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0HOME" },
            ["trigger_id"] = "1795521660001.1001.home",
            ["view"] = new JsonObject { ["id"] = "V0HOME", ["type"] = "home", ["callback_id"] = "" },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = works.GetProperty("action_id").GetString(), ["block_id"] = "b", ["type"] = "button",
                ["value"] = works.GetProperty("value").GetString(), ["action_ts"] = "1795600001.000001",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = works.GetProperty("text").GetProperty("text").GetString() },
            }),
        };
        using var response = await _host.PostAsync("/slack/interactivity", Fixture.Interaction(click.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await SlackWorld.Eventually(async () => (await Gap()).Status == GapStatus.Verified, "G-1 verified from the Home tab");
        var calls = await _api.WaitFor(c => c.Count(x => x.Method == "views.publish") == 2);
        var again = calls.Last(c => c.Method == "views.publish");
        Assert.Equal(Retester, again.Json.GetProperty("user_id").GetString());
        var banner = Texts(again.Json.GetProperty("view").GetProperty("blocks")[0]);
        Assert.StartsWith("✅ ", banner, StringComparison.Ordinal);
        Assert.Contains("G-1", banner, StringComparison.Ordinal);
        Assert.Contains("Nothing waits for you", again.Body, StringComparison.Ordinal);
        Assert.Contains(calls, c => c.Method == "conversations.open");
    }
}
