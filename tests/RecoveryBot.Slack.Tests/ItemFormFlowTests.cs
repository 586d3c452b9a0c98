using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecoveryBot.Core.Model;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>Mark fix ready and Move the date: the button opens a modal with users_select and datepicker; its submit is the command.</summary>
public sealed class ItemFormFlowTests : IAsyncLifetime
{
    private SlackWorld _w = null!;

    public async Task InitializeAsync()
    {
        _w = await SlackWorld.StartAsync();
        _w.Api.DisplayNames["U0RAVI"] = "Ravi Mehta";
        await _w.Command("start Pilot");
        await _w.Command("gap Quotes fail on mobile");
        await _w.Command("assign G-1 <@U0ANA> +7d");
        await _w.Command("begin G-1", user: "U0ANA");
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private static string InDays(int days) =>
        DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<Gap> G1() => (await _w.Gaps()).Single();

    /// <summary>The owner presses the button; returns the modal views.open was asked to show.</summary>
    private async Task<JsonElement> Press(string verb, string label)
    {
        var button = JsonDocument.Parse(new JsonObject
        {
            ["action_id"] = verb, ["value"] = $"g:1:{(await G1()).Revision}", ["text"] = new JsonObject { ["text"] = label },
        }.ToJsonString()).RootElement;
        await _w.Interact("block-actions.json", SlackWorld.Click(button, "U0ANA", "1795600000.000001"));
        var open = await _w.Api.WaitFor(c => c.Any(x => x.Method == "views.open"));
        return open.Last(c => c.Method == "views.open").Json.GetProperty("view");
    }

    private Task<string> Submit(JsonElement view, JsonObject values) => _w.Interact("view-submission.json", p =>
    {
        p["user"] = new JsonObject { ["id"] = "U0ANA", ["username"] = "ana", ["name"] = "ana", ["team_id"] = "T0RECOV" };
        p["view"]!["callback_id"] = view.GetProperty("callback_id").GetString();
        p["view"]!["private_metadata"] = view.GetProperty("private_metadata").GetString();
        p["view"]!["state"] = new JsonObject { ["values"] = values };
    });

    private static JsonObject Value(string id, string type, string field, string? value) =>
        new() { [id] = new JsonObject { ["type"] = type, [field] = value } };

    private static JsonElement Element(JsonElement view, string blockId) =>
        view.GetProperty("blocks").EnumerateArray().Single(b => b.TryGetProperty("block_id", out var id) && id.GetString() == blockId).GetProperty("element");

    [Fact]
    public async Task MarkFixReady_ModalWithUsersSelectAndDatepicker_SubmitMakesItemFixReady()
    {
        var view = await Press("ready-form", "Mark fix ready");

        Assert.Equal("submit-ready", view.GetProperty("callback_id").GetString());
        Assert.Equal(("users_select", "retester"), (Element(view, "retester").GetProperty("type").GetString(), Element(view, "retester").GetProperty("action_id").GetString()));
        Assert.Equal("datepicker", Element(view, "retest_date").GetProperty("type").GetString());
        Assert.Equal("datepicker", Element(view, "training_date").GetProperty("type").GetString());

        var retest = InDays(10);
        var answer = await Submit(view, new JsonObject
        {
            ["retester"] = Value("retester", "users_select", "selected_user", "U0RAVI"),
            ["retest_date"] = Value("retest_date", "datepicker", "selected_date", retest),
            ["training_date"] = Value("training_date", "datepicker", "selected_date", null),
        });

        Assert.Equal("", answer);
        var g = await G1();
        Assert.Equal(GapStatus.FixReady, g.Status);
        Assert.Equal(("U0RAVI", "Ravi Mehta"), (g.Retester!.Id, g.Retester.Name));
        Assert.Equal(retest, g.RetestDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task MoveTheDate_SubmitWithReason_MovesTheDateAndCountsASlip()
    {
        var view = await Press("due-form", "Move the date");
        Assert.Equal("submit-due", view.GetProperty("callback_id").GetString());
        Assert.Equal("datepicker", Element(view, "due").GetProperty("type").GetString());

        var due = InDays(14);
        var answer = await Submit(view, new JsonObject
        {
            ["due"] = Value("due", "datepicker", "selected_date", due),
            ["reason"] = Value("reason", "plain_text_input", "value", "the vendor fix slipped"),
        });

        Assert.Equal("", answer);
        var g = await G1();
        Assert.Equal((due, 1), (g.Due!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.DueSlips));
    }

    [Fact]
    public async Task MoveTheDate_PastDate_KeepsModalOpenWithTheReasonAndChangesNothing()
    {
        var before = await G1();
        var view = await Press("due-form", "Move the date");

        var answer = await Submit(view, new JsonObject
        {
            ["due"] = Value("due", "datepicker", "selected_date", InDays(-3)),
            ["reason"] = Value("reason", "plain_text_input", "value", "late"),
        });

        using var errors = JsonDocument.Parse(answer);
        Assert.Equal("errors", errors.RootElement.GetProperty("response_action").GetString());
        Assert.Contains("in the past", errors.RootElement.GetProperty("errors").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, await G1());
    }
}
