using System.Text.Json;
using System.Text.Json.Nodes;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Slack.Tests.Fakes;

/// <summary>A Slack workspace in a test: the bot host, its in-memory store, and the fake Web API it talks to.</summary>
public sealed class SlackWorld : IAsyncDisposable
{
    public static readonly ChannelKey Channel = new("slack", "T0RECOV", "C0PILOT");

    private SlackWorld(FakeSlackApi api, SlackTestHost host, InMemoryRecoveryStore store) => (Api, Host, Store) = (api, host, store);

    public FakeSlackApi Api { get; }

    public SlackTestHost Host { get; }

    public InMemoryRecoveryStore Store { get; }

    public static async Task<SlackWorld> StartAsync()
    {
        var api = await FakeSlackApi.StartAsync();
        var store = new InMemoryRecoveryStore();
        return new SlackWorld(api, await SlackTestHost.StartAsync(store, api.BaseUrl), store);
    }

    public async Task<JsonDocument?> Command(string text, string user = "U0LEAD")
    {
        using var response = await Host.CommandAsync(text, user);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? null : JsonDocument.Parse(body);
    }

    /// <summary>Posts an interactivity payload made from a fixture, edited as the test needs.</summary>
    public async Task<string> Interact(string fixture, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(Fixture.Text(fixture))!;
        edit(node);
        using var response = await Host.PostAsync("/slack/interactivity", Fixture.Interaction(node.ToJsonString()));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<IReadOnlyList<Gap>> Gaps() => await Store.ListGapsAsync(Channel.RecoveryId, CancellationToken.None);

    public Task<ChangeRequest?> Change(int n) => Store.GetChangeRequestAsync(Channel.RecoveryId, n, CancellationToken.None);

    /// <summary>Waits for a condition on the store (the outbound queue runs in the background).</summary>
    public static async Task Eventually(Func<Task<bool>> done, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await done()) return;
            await Task.Delay(50);
        }
        Assert.Fail("Timed out waiting for " + what);
    }

    public static string Text(ApiCall call) => call.Json.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";

    public static IEnumerable<JsonElement> Buttons(ApiCall call) =>
        call.Json.TryGetProperty("blocks", out var blocks)
            ? blocks.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "actions").SelectMany(b => b.GetProperty("elements").EnumerateArray())
            : [];

    /// <summary>Edits a block_actions payload into a click on <paramref name="button"/> by <paramref name="user"/> on message <paramref name="ts"/>.</summary>
    public static Action<JsonNode> Click(JsonElement button, string user, string ts) => p =>
    {
        p["user"] = new JsonObject { ["id"] = user, ["username"] = "client", ["name"] = "client", ["team_id"] = "T0RECOV" };
        p["container"]!["message_ts"] = ts;
        p["message"]!["ts"] = ts;
        p["actions"] = new JsonArray(new JsonObject
        {
            ["action_id"] = button.GetProperty("action_id").GetString(), ["block_id"] = "b", ["type"] = "button",
            ["value"] = button.GetProperty("value").GetString(), ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = button.GetProperty("text").GetProperty("text").GetString() },
        });
    };

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Api.DisposeAsync();
    }
}
