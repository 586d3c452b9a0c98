using System.Text.Json;
using System.Text.Json.Nodes;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>Clicks, modals and the message shortcut end to end, from the fixtures' payload shapes.</summary>
public sealed class InteractionFlowTests : IAsyncLifetime
{
    private SlackWorld _w = null!;

    public async Task InitializeAsync() => _w = await SlackWorld.StartAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task UnknownButton_PoliteEphemeralLine()
    {
        await _w.Command("start Pilot");
        Assert.Equal("", await _w.Interact("block-actions.json", _ => { }));

        var line = (await _w.Api.WaitFor(c => c.Any(x => x.Method == "chat.postEphemeral"))).Single(c => c.Method == "chat.postEphemeral");
        Assert.Contains("not one RecoveryBot knows", SlackWorld.Text(line), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogAsGapShortcut_OpensPrefilledForm_SubmitLogsGapWithPermalink()
    {
        await _w.Command("start Pilot");
        await _w.Interact("message-shortcut.json", _ => { });

        var view = _w.Api.Calls.Single(c => c.Method == "views.open").Json.GetProperty("view");
        Assert.Equal("submit-gap", view.GetProperty("callback_id").GetString());
        var title = view.GetProperty("blocks").EnumerateArray().Single(b => b.TryGetProperty("block_id", out var id) && id.GetString() == "title").GetProperty("element").GetProperty("initial_value").GetString();
        Assert.Equal("Exports time out when the report has more than 10k rows", title);

        var answer = await _w.Interact("view-submission.json", p =>
        {
            p["view"]!["callback_id"] = "submit-gap";
            p["view"]!["private_metadata"] = view.GetProperty("private_metadata").GetString();
            var values = new JsonObject
            {
                ["title"] = new JsonObject { ["title"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = title } },
                ["kind"] = JsonNode.Parse("""{"kind":{"type":"static_select","selected_option":{"value":"scope"}}}"""),
            };
            p["view"]!["state"] = new JsonObject { ["values"] = values };
        });

        Assert.Equal("", answer);
        var gap = Assert.Single(await _w.Gaps());
        Assert.Equal((title, Core.Model.GapKind.Scope), (gap.Title, gap.Kind));
        Assert.Equal("https://recovery-pilot.slack.com/archives/C0PILOT/p1795522100000300", gap.SourceLink);
    }

    [Fact]
    public async Task OwnershipSubmit_MissingAnswers_KeepsModalOpenWithErrors()
    {
        await _w.Command("start Pilot");
        var answer = await _w.Interact("view-submission.json", p =>
        {
            p["view"]!["callback_id"] = "submit-ownership";
            p["view"]!["state"] = JsonNode.Parse("""{"values":{"broken":{"broken":{"type":"plain_text_input","value":"Quotes"}}}}""");
        });

        using var doc = JsonDocument.Parse(answer);
        Assert.Equal("errors", doc.RootElement.GetProperty("response_action").GetString());
        Assert.Contains("all four answers", doc.RootElement.GetProperty("errors").GetProperty("broken").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogNextPage_OnEphemeralMessage_ReplacesItThroughResponseUrl()
    {
        await _w.Command("start Pilot");
        for (var i = 0; i < 17; i++) await _w.Command($"gap Item {i}");
        using var log = await _w.Command("log");
        var next = log!.RootElement.GetProperty("blocks").EnumerateArray().Last().GetProperty("elements")[0];

        await _w.Interact("block-actions.json", p =>
        {
            SlackWorld.Click(next, "U0LEAD", "1795600000.999999")(p);
            p["container"]!["is_ephemeral"] = true;
            p["response_url"] = new Uri(_w.Api.BaseUrl, "/hooks/actions/T0RECOV/1/x").AbsoluteUri;
        });

        var respond = (await _w.Api.WaitFor(c => c.Any(x => x.Method == "response_url"))).Single(c => c.Method == "response_url");
        Assert.True(respond.Json.GetProperty("replace_original").GetBoolean());
        Assert.Contains("page 2 of 2", respond.Body, StringComparison.Ordinal);
        Assert.Equal("", respond.Authorization);
    }

    [Fact]
    public async Task MentionGapWithoutTitle_OffersFormButton_ClickOpensTheModal()
    {
        await _w.Command("start Pilot");
        var mention = Fixture.Text("event-app-mention.json").Replace("<@U0BOT> gap Exports time out", "<@U0BOT> gap", StringComparison.Ordinal);
        using var response = await _w.Host.PostAsync("/slack/events", mention, "application/json");

        var offer = (await _w.Api.WaitFor(c => c.Any(x => x.Method == "chat.postEphemeral"))).Single(c => c.Method == "chat.postEphemeral");
        Assert.Equal("U0CLIENT", offer.Json.GetProperty("user").GetString());
        var button = Assert.Single(SlackWorld.Buttons(offer));

        await _w.Interact("block-actions.json", p =>
        {
            SlackWorld.Click(button, "U0CLIENT", "1795600000.000001")(p);
            p["container"]!["is_ephemeral"] = true;
        });

        var view = _w.Api.Calls.Single(c => c.Method == "views.open").Json;
        Assert.Equal("1795521660001.1001.1b2c3d4e5f60718293a4b5c6d7e8f90a", view.GetProperty("trigger_id").GetString());
        Assert.Equal("submit-gap", view.GetProperty("view").GetProperty("callback_id").GetString());
    }

    [Fact]
    public async Task OwnershipSubmit_AllFourAnswers_PostsTheCardAndStopsThe48HourWatch()
    {
        await _w.Command("start Pilot");
        await _w.Command("ownership");
        var view = _w.Api.Calls.Single(c => c.Method == "views.open").Json.GetProperty("view");

        var answer = await _w.Interact("view-submission.json", p =>
        {
            p["view"]!["callback_id"] = "submit-ownership";
            p["view"]!["private_metadata"] = view.GetProperty("private_metadata").GetString();
            var values = new JsonObject();
            foreach (var (key, text) in new[] { ("broken", "Quotes fail on mobile"), ("affected", "40 sales reps"), ("doing_now", "Hotfix in test"), ("next_update", "Friday 16:00") })
            {
                values[key] = new JsonObject { [key] = new JsonObject { ["type"] = "plain_text_input", ["value"] = text } };
            }
            p["view"]!["state"] = new JsonObject { ["values"] = values };
        });

        Assert.Equal("", answer);
        var post = (await _w.Api.WaitFor(c => c.Any(x => x.Method == "chat.postMessage" && x.Body.Contains("Quotes fail on mobile", StringComparison.Ordinal))))
            .First(c => c.Method == "chat.postMessage" && c.Body.Contains("Quotes fail on mobile", StringComparison.Ordinal));
        Assert.Contains("40 sales reps", post.Body, StringComparison.Ordinal);
        var recovery = (await _w.Store.GetRecoveryAsync(SlackWorld.Channel.RecoveryId, default))!;
        Assert.NotNull(recovery.OwnershipPostedAt);
        var plan = Core.Schedule.SchedulePlanner.Plan(new Core.Schedule.ScheduleInput(recovery, [], []), recovery.StartedAt, recovery.StartedAt.AddDays(3));
        Assert.DoesNotContain(plan.Due, o => o.Kind == Core.Schedule.PostKind.OwnershipWatch);
    }
}
