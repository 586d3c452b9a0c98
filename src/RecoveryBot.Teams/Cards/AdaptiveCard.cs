using System.Text.Json.Serialization;

namespace RecoveryBot.Teams.Cards;

/// <summary>An Adaptive Card, schema 1.5 (the highest Teams renders for bots, protocols.md D).</summary>
internal sealed record AdaptiveCard
{
    public const string SchemaVersion = "1.5";

    [JsonPropertyOrder(-2)]
    public string Type { get; init; } = "AdaptiveCard";

    [JsonPropertyOrder(-1)]
    public string Version { get; init; } = SchemaVersion;

    /// <summary>Asks each listed viewer's client for their own view of the card (Universal Actions, protocols.md D).</summary>
    public CardRefresh? Refresh { get; init; }

    public required IReadOnlyList<CardElement> Body { get; init; }
    public IReadOnlyList<CardButton>? Actions { get; init; }
    public TeamsCardOptions? Msteams { get; init; }
}

/// <summary><c>refresh</c>: the Action.Execute a client runs for the users in <see cref="UserIds"/> (at most 60 in Teams).</summary>
internal sealed record CardRefresh(CardButton Action, IReadOnlyList<string> UserIds);

internal sealed record TeamsCardOptions(string Width);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
[JsonDerivedType(typeof(InputDate), "Input.Date")]
internal abstract record CardElement
{
    public string? Spacing { get; init; }
    public bool? Separator { get; init; }
}

internal sealed record TextBlock(string Text) : CardElement
{
    public bool Wrap { get; init; } = true;
    public string? Size { get; init; }
    public string? Weight { get; init; }
    public string? Color { get; init; }
    public bool? IsSubtle { get; init; }
}

/// <summary>Text shown literally: TextRuns are not markdown (Adaptive Cards 1.2+), so user text needs no escaping here.</summary>
internal sealed record RichTextBlock(IReadOnlyList<TextRun> Inlines) : CardElement;

internal sealed record TextRun(string Text)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "TextRun";
    public string? Size { get; init; }
    public string? Weight { get; init; }
    public string? Color { get; init; }
    public bool? IsSubtle { get; init; }
    public bool? Italic { get; init; }
    public string? FontType { get; init; }
}

internal sealed record FactSet(IReadOnlyList<CardFact> Facts) : CardElement;

internal sealed record CardFact(string Title, string Value);

internal sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    public string? Style { get; init; }
}

internal sealed record ActionSet(IReadOnlyList<CardButton> Actions) : CardElement;

internal sealed record InputText(string Id, string Label) : CardElement
{
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
    public bool? IsMultiline { get; init; }
    public int? MaxLength { get; init; }
    public string? Placeholder { get; init; }
    public string? Value { get; init; }
}

internal sealed record InputChoiceSet(string Id, string Label, IReadOnlyList<CardChoice> Choices) : CardElement
{
    public string? Value { get; init; }
    public string? Style { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }

    /// <summary>Teams' people picker: choices searched in the directory; the value submitted is the person's AAD object id.</summary>
    [JsonPropertyName("choices.data")]
    public DataQuery? ChoicesData { get; init; }
}

internal sealed record DataQuery(string Dataset)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "Data.Query";
}

internal sealed record CardChoice(string Title, string Value);

/// <summary>A date; submitted as YYYY-MM-DD.</summary>
internal sealed record InputDate(string Id, string Label) : CardElement
{
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
    public string? Value { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteButton), "Action.Execute")]
[JsonDerivedType(typeof(SubmitButton), "Action.Submit")]
[JsonDerivedType(typeof(ShowCardButton), "Action.ShowCard")]
[JsonDerivedType(typeof(OpenUrlButton), "Action.OpenUrl")]
internal abstract record CardButton(string Title)
{
    public string? Style { get; init; }
}

/// <summary>A button Teams answers through the <c>adaptiveCard/action</c> invoke; the card's inputs are merged into its data.</summary>
internal sealed record ExecuteButton(string Title, string Verb, SubmitData Data) : CardButton(Title);

/// <summary>Kept only for task-module dialogs, which submit with Action.Submit (Teams runs no Action.Execute there).</summary>
internal sealed record SubmitButton(string Title, SubmitData Data) : CardButton(Title);

/// <summary>A button that opens a small card in place (a required note, then Submit).</summary>
internal sealed record ShowCardButton(string Title, AdaptiveCard Card) : CardButton(Title);

internal sealed record OpenUrlButton(string Title, Uri Url) : CardButton(Title);

/// <summary>What a click carries back; Teams merges the card's input values into it (protocols.md A).</summary>
internal sealed record SubmitData([property: JsonPropertyName("rb")] string Verb)
{
    public string? Gap { get; init; }
    public int? Cr { get; init; }
    public int? Rev { get; init; }
    public string? Filter { get; init; }
    public string? Page { get; init; }

    /// <summary>Which card this is (gap, detail, retest, change), so a refresh or a click can compose it again.</summary>
    public string? Card { get; init; }

    /// <summary>On a card already refreshed for one person: whose view it is (no refresh again without a change).</summary>
    public string? Seen { get; init; }
}
