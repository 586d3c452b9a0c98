using System.Text.Json.Nodes;

namespace RecoveryBot.Teams.Tests.Support;

/// <summary>What a card's body shows, element by element: a RichTextBlock's runs joined, a TextBlock's text.</summary>
public static class CardText
{
    public static string? Of(JsonNode element) => element["inlines"] is JsonArray runs
        ? string.Concat(runs.Select(r => (string?)r!["text"]))
        : (string?)element["text"];

    public static List<string> Texts(JsonNode card) =>
        [.. card["body"]!.AsArray().Select(e => Of(e!)).Where(t => t is not null).Select(t => t!)];

    /// <summary>The title: the medium-sized text.</summary>
    public static string? Title(JsonNode card) => card["body"]!.AsArray().Select(e => e!)
        .Where(e => (string?)e["inlines"]?[0]?["size"] == "Medium" || (string?)e["size"] == "Medium").Select(Of).FirstOrDefault();
}
