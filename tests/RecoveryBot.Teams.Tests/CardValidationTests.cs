using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Cards;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>
/// Every card kind, and every card a real Core session answers with, written as JSON and checked by
/// tests/cards/validate.mjs, which runs Microsoft's Adaptive Cards library (npm adaptivecards) on it.
/// </summary>
public sealed class CardValidationTests
{
    private static string Wire(AdaptiveCard card) => CardValidator.Wire(card);

    [Fact]
    public async Task EveryCard_PassesTheAdaptiveCardsRenderersValidation()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "cards");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        foreach (var (name, view) in CardSamples.All())
            File.WriteAllText(Path.Combine(dir, name + ".json"), Wire(CardRenderer.Render(view)));
        var fromCore = await CoreSession.CardsAsync();
        Assert.True(fromCore.Count >= 8, $"the Core session produced only {fromCore.Count} cards");
        foreach (var (name, view) in fromCore)
            File.WriteAllText(Path.Combine(dir, name + ".json"), Wire(CardRenderer.Render(view)));
        File.WriteAllText(Path.Combine(dir, "form-gap-prefilled.json"), Wire(CardRenderer.Render(FormDocs.Gap(Testing.DocSamples.MarkupTitle))));

        var (exit, output) = CardValidator.Run(dir);

        Assert.True(exit == 0, output);
        Assert.Contains($"{CardSamples.All().Count() + 1 + fromCore.Count} valid, 0 invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_RejectsABrokenCard()
    {
        var dir = Directory.CreateTempSubdirectory("rb-cards-").FullName;
        File.WriteAllText(Path.Combine(dir, "bad.json"),
            """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"a","label":"A","isRequired":true},{"type":"Input.Text","id":"a","label":"B"}]}""");

        var (exit, output) = CardValidator.Run(dir);

        Assert.NotEqual(0, exit);
        Assert.Contains("Duplicate Id", output, StringComparison.Ordinal);
    }
}
