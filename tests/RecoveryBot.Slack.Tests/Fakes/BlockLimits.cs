using System.Text.Json;

namespace RecoveryBot.Slack.Tests.Fakes;

/// <summary>Checks serialized Block Kit JSON against Slack's documented limits, independently of the renderer's own code.</summary>
public static class BlockLimits
{
    public static void AssertMessage(string json, int maxBlocks = 50)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("text").GetString()), "a plain text fallback is required");
        if (!root.TryGetProperty("blocks", out var blocks)) return;
        AssertBlocks(blocks, maxBlocks);
    }

    /// <summary>The characters of every text and link in a rich_text block.</summary>
    public static int RichLength(JsonElement block) => Texts(block).Sum(t => t.Length);

    public static IEnumerable<string> Texts(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (e.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String) yield return t.GetString()!;
            if (e.TryGetProperty("elements", out var children))
            {
                foreach (var c in children.EnumerateArray()) foreach (var x in Texts(c)) yield return x;
            }
        }
    }

    public static int AssertBlocks(JsonElement blocks, int maxBlocks)
    {
        Assert.InRange(blocks.GetArrayLength(), 1, maxBlocks);
        var actionIds = new HashSet<string>();
        var total = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            switch (block.GetProperty("type").GetString())
            {
                case "header":
                    Assert.Equal("plain_text", block.GetProperty("text").GetProperty("type").GetString());
                    Assert.InRange(Len(block.GetProperty("text")), 1, 150);
                    break;
                case "section":
                    if (block.TryGetProperty("text", out var text)) total += InRange(Len(text), 1, 3000);
                    if (block.TryGetProperty("fields", out var fields))
                    {
                        Assert.InRange(fields.GetArrayLength(), 1, 10);
                        foreach (var f in fields.EnumerateArray()) total += InRange(Len(f), 1, 2000);
                    }
                    break;
                case "context":
                    Assert.InRange(block.GetProperty("elements").GetArrayLength(), 1, 10);
                    break;
                case "actions":
                    var elements = block.GetProperty("elements");
                    Assert.InRange(elements.GetArrayLength(), 1, 25);
                    foreach (var e in elements.EnumerateArray())
                    {
                        Assert.Equal("button", e.GetProperty("type").GetString());
                        Assert.InRange(Len(e.GetProperty("text")), 1, 75);
                        Assert.InRange(e.GetProperty("value").GetString()!.Length, 1, 2000);
                        var id = e.GetProperty("action_id").GetString()!;
                        Assert.InRange(id.Length, 1, 255);
                        Assert.True(actionIds.Add(id), $"action_id {id} is used twice");
                    }
                    break;
                case "input":
                    var element = block.GetProperty("element");
                    if (element.TryGetProperty("options", out var options)) Assert.InRange(options.GetArrayLength(), 1, 100);
                    break;
                case "divider":
                    break;
                case "rich_text":
                    var chars = RichLength(block);
                    Assert.InRange(chars, 1, 4000);
                    total += chars;
                    break;
                default:
                    Assert.Fail("unexpected block type " + block.GetProperty("type"));
                    break;
            }
        }
        Assert.True(total <= 12_000, $"block text totals {total} characters; Slack refuses messages near 13k");
        return blocks.GetArrayLength();
    }

    private static int Len(JsonElement textObject) => textObject.GetProperty("text").GetString()!.Length;

    private static int InRange(int value, int low, int high)
    {
        Assert.InRange(value, low, high);
        return value;
    }
}
