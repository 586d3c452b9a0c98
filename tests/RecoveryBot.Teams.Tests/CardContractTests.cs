using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Cards;
using RecoveryBot.Testing;

namespace RecoveryBot.Teams.Tests;

/// <summary>
/// Every card kind, rendered from the same documents as the Slack contract test: each shows the document's title,
/// facts, sections, notes, links, buttons and inputs (with their limits); the wire JSON matches its golden file.
/// </summary>
public sealed class CardContractTests
{
    private static readonly JsonSerializerOptions Pretty = new(TeamsJson.Wire.Options) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Names() => [.. DocSamples.All().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_ShowsEveryPartOfTheDocument_AndMatchesItsGoldenFile(string name)
    {
        var doc = DocSamples.All().Single(s => s.Name == name).Doc;
        var wire = JsonSerializer.Serialize(CardRenderer.Render(doc), Pretty);
        var card = JsonNode.Parse(wire)!;
        // The posted card and each role holder's own view (refresh) together show every part of the document.
        var views = doc.Holders.Select(h => JsonNode.Parse(JsonSerializer.Serialize(CardRenderer.RenderFor(doc, h.User.Id, refreshAgain: true), Pretty))!).Prepend(card).ToList();
        var visible = string.Join("\n", views.SelectMany(Visible));

        Assert.Empty(DocContract.Missing(doc, visible));
        foreach (var input in doc.Inputs)
        {
            var element = card["body"]!.AsArray().Single(e => (string?)e!["id"] == input.Id)!;
            if (input.Kind is InputKind.Line or InputKind.Text) Assert.Equal(input.MaxLength, (int?)element["maxLength"]);
            // A person is Teams' people picker (a ChoiceSet searching the directory); a date is Input.Date.
            if (input.Kind == InputKind.Person)
                Assert.Equal(("Input.ChoiceSet", "Data.Query", CardRenderer.PeopleDataset), ((string?)element["type"], (string?)element["choices.data"]!["type"], (string?)element["choices.data"]!["dataset"]));
            if (input.Kind == InputKind.Date) Assert.Equal("Input.Date", (string?)element["type"]);
        }
        var buttons = views.SelectMany(v => v["actions"]?.AsArray() ?? []).Select(a => (string?)a!["title"]).Distinct().Count();
        Assert.Equal(doc.Actions.Count + doc.Links.Count, buttons);
        // Posted to a channel, a card with a subject shows only what anyone may press; its refresh names the holders.
        if (doc.Subject is not null)
            Assert.Equal(doc.Actions.Count(a => a.MayPress == Core.Model.Role.Member) + doc.Links.Count, card["actions"]?.AsArray().Count ?? 0);
        DocContract.Golden("teams", name, wire);
    }

    [Fact]
    public void Render_TitleTypedWithMarkup_ShowsAsTyped()
    {
        foreach (var (_, doc) in DocSamples.All(DocSamples.MarkupTitle))
        {
            if (!new[] { doc.Title, doc.Context ?? "" }.Concat(doc.Facts.Select(f => f.Value)).Concat(doc.Inputs.Select(i => i.Initial ?? ""))
                    .Any(d => d.Contains(DocSamples.MarkupTitle, StringComparison.Ordinal))) continue;
            var card = JsonNode.Parse(JsonSerializer.Serialize(CardRenderer.Render(doc), Pretty))!;
            var runs = card["body"]!.AsArray().Where(e => e!["inlines"] is not null).SelectMany(e => e!["inlines"]!.AsArray()).Select(r => (string?)r!["text"]);
            var facts = card["body"]!.AsArray().Where(e => (string?)e!["type"] == "FactSet").SelectMany(e => e!["facts"]!.AsArray()).Select(f => Unescape((string?)f!["value"]));
            Assert.Contains(runs.Concat(facts).Concat(card["body"]!.AsArray().Select(e => (string?)e!["value"])),
                t => t is not null && t.Contains(DocSamples.MarkupTitle, StringComparison.Ordinal));
        }
    }

    /// <summary>What a person reads: TextRuns as they are, facts with their backslash escapes read, button and input labels.</summary>
    private static IEnumerable<string> Visible(JsonNode card)
    {
        foreach (var e in card["body"]!.AsArray().Select(e => e!))
        {
            if (Support.CardText.Of(e) is { } text) yield return text;
            if (e["facts"] is JsonArray facts)
                foreach (var f in facts) { yield return Unescape((string?)f!["title"]); yield return Unescape((string?)f["value"]); }
            if ((string?)e["label"] is { } label) yield return label;
        }
        foreach (var a in card["actions"]?.AsArray() ?? []) yield return (string)a!["title"]!;
    }

    /// <summary>CommonMark's backslash escapes, read.</summary>
    private static string Unescape(string? s)
    {
        if (s is null) return "";
        var sb = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length && (char.IsPunctuation(s[i + 1]) || char.IsSymbol(s[i + 1])) && char.IsAscii(s[i + 1])) i++;
            sb.Append(s[i]);
        }
        return sb.ToString();
    }
}
