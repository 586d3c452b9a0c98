using System.Text.Encodings.Web;
using System.Text.Json;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Tests.Fakes;
using RecoveryBot.Slack.Wire;
using RecoveryBot.Testing;

namespace RecoveryBot.Slack.Tests;

/// <summary>
/// Every card kind, rendered from the same documents as the Teams contract test: each shows the document's title,
/// facts, sections, notes, links, buttons and inputs, within Slack's limits; the wire JSON matches its golden file.
/// </summary>
public sealed class CardContractTests
{
    private static readonly JsonSerializerOptions Pretty = new(SlackJson.Default.Options) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Names() => [.. DocSamples.All().Select(s => s.Name)];

    private static string Wire(CardDoc doc) => doc.Inputs.Count > 0
        ? JsonSerializer.Serialize(Modals.Form(doc, new ModalMeta("C0PILOT")), Pretty)
        : JsonSerializer.Serialize(CardRenderer.Render(doc), Pretty);

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_ShowsEveryPartOfTheDocument_AndMatchesItsGoldenFile(string name)
    {
        var doc = DocSamples.All().Single(s => s.Name == name).Doc;
        var wire = Wire(doc);
        using var json = JsonDocument.Parse(wire);
        var visible = string.Join("", Visible(json.RootElement));

        // A mention is Slack's user element: Slack shows the person's name from their id.
        Assert.Empty(DocContract.Missing(doc, visible, p => "@" + p.Id));
        var blocks = json.RootElement.GetProperty("blocks");
        BlockLimits.AssertBlocks(blocks, doc.Inputs.Count > 0 ? SlackLimits.ModalBlocks : SlackLimits.MessageBlocks);
        foreach (var input in doc.Inputs.Where(i => i.Kind != InputKind.Choice))
        {
            var element = blocks.EnumerateArray().Single(b => b.TryGetProperty("block_id", out var id) && id.GetString() == input.Id).GetProperty("element");
            var type = element.GetProperty("type").GetString();
            switch (input.Kind)
            {
                case InputKind.Person: Assert.Equal("users_select", type); break;
                case InputKind.Date: Assert.Equal("datepicker", type); break;
                default: Assert.Equal(input.MaxLength, element.GetProperty("max_length").GetInt32()); break;
            }
        }
        Assert.Equal(doc.Actions.Count, doc.Inputs.Count > 0 ? 1 : blocks.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "actions").Sum(b => b.GetProperty("elements").GetArrayLength()));
        DocContract.Golden("slack", name, wire);
    }

    [Fact]
    public void Render_TitleTypedWithMarkup_IsOnlyLiteralTextNeverMrkdwn()
    {
        foreach (var (name, doc) in DocSamples.All(DocSamples.MarkupTitle).Where(s => s.Doc.Inputs.Count == 0))
        {
            using var json = JsonDocument.Parse(Wire(doc));
            // The only mrkdwn in a message is its fallback text, where Slack's three characters are escaped.
            Assert.DoesNotContain("\"mrkdwn\"", Wire(doc), StringComparison.Ordinal);
            // The one token left is the mention Core asked for (a Slack user id), which notifies that person.
            var fallback = System.Text.RegularExpressions.Regex.Replace(json.RootElement.GetProperty("text").GetString()!, "<@[UW][A-Z0-9]+>", "");
            Assert.DoesNotContain("<", fallback, StringComparison.Ordinal);
            // Rich text and plain_text are literal: "<!channel>" there is text, never a broadcast.
            // Where the title is data (the card's title, a fact), it is one literal text, exactly as typed.
            if (DataOf(doc).Any(d => d.Contains(DocSamples.MarkupTitle, StringComparison.Ordinal)))
                Assert.True(Visible(json.RootElement).Any(t => t.Contains(DocSamples.MarkupTitle, StringComparison.Ordinal)), name);
        }
    }

    internal static IEnumerable<string> DataOf(CardDoc doc) => [doc.Title, doc.Context ?? "", .. doc.Facts.Select(f => f.Value)];

    /// <summary>Every text a person can read in a message or modal: headers, rich text, context, buttons, labels.</summary>
    private static IEnumerable<string> Visible(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                if (e.TryGetProperty("type", out var type) && type.GetString() == "user")
                {
                    yield return "@" + e.GetProperty("user_id").GetString();
                    break;
                }
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name is "action_id" or "block_id" or "value" or "private_metadata" or "callback_id" or "url" or "type" or "style") continue;
                    if (p.Value.ValueKind == JsonValueKind.String) yield return p.Value.GetString()!;
                    else foreach (var t in Visible(p.Value)) yield return t;
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray()) foreach (var t in Visible(item)) yield return t;
                break;
        }
    }
}
