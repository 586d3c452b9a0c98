using System.Text.Json;
using System.Text.Json.Nodes;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>What people type into modals and message shortcuts is cleaned like a typed command, and shown back literally.</summary>
public sealed class ModalInputTests : IAsyncLifetime
{
    private SlackWorld _w = null!;

    public async Task InitializeAsync() => _w = await SlackWorld.StartAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Shortcut_MessageWithHiddenCharacters_PrefillsCleanLiteralTextInPlainTextOnly()
    {
        await _w.Command("start Pilot");
        await _w.Interact("message-shortcut.json", p => p["message"]!["text"] = "Exports\u202E *time out*\u200B\nfor <!channel> & co");

        var view = _w.Api.Calls.Single(c => c.Method == "views.open").Json.GetProperty("view");
        var title = view.GetProperty("blocks").EnumerateArray().Single(b => b.TryGetProperty("block_id", out var id) && id.GetString() == "title")
            .GetProperty("element").GetProperty("initial_value").GetString();
        Assert.DoesNotContain(title!, c => c is '\u202E' or '\u200B' or '\n');
        Assert.StartsWith("Exports *time out* for", title, StringComparison.Ordinal);
        // A modal shows text only as plain_text: nothing a user typed can become formatting, a link or a mention.
        Assert.DoesNotContain("\"mrkdwn\"", view.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_FieldsWithControlBidiAndZeroWidthCharacters_StoredClean()
    {
        await _w.Command("start Pilot");
        await _w.Interact("message-shortcut.json", _ => { });
        var view = _w.Api.Calls.Single(c => c.Method == "views.open").Json.GetProperty("view");

        var answer = await _w.Interact("view-submission.json", p =>
        {
            p["view"]!["callback_id"] = "submit-gap";
            p["view"]!["private_metadata"] = view.GetProperty("private_metadata").GetString();
            var values = new JsonObject
            {
                ["title"] = new JsonObject { ["title"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Quotes\u202E fail\u200B\ton mobile" } },
                ["expected"] = new JsonObject { ["expected"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Sent\u0007 in\r\none\u2066 click" } },
            };
            p["view"]!["state"] = new JsonObject { ["values"] = values };
        });

        Assert.Equal("", answer);
        var gap = Assert.Single(await _w.Gaps());
        Assert.Equal(("Quotes fail on mobile", "Sent in one click"), (gap.Title, gap.Expected));
    }
}
