using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Cards;

/// <summary>The forms behind <c>gap</c> (no title) and <c>ownership</c>; Teams checks required fields before submitting.</summary>
internal static class FormCards
{
    public static AdaptiveCard For(FormKind kind) => kind == FormKind.Ownership ? Ownership() : Gap();

    public static AdaptiveCard Gap() => Blocks.Card(
    [
        Blocks.Title("Report a gap"),
        Blocks.Subtle("One problem per report, in plain words."),
        Field(FormFields.Title, "What is the problem?", required: true, max: 200, placeholder: "Sales reps cannot send quotes from mobile"),
        Field(FormFields.Expected, "What did you expect?", multiline: true),
        Field(FormFields.Actual, "What happens now?", multiline: true),
        Field(FormFields.Impact, "Business impact", multiline: true),
        Field(FormFields.Affected, "Who feels it (role or team)"),
        new InputChoiceSet(FormFields.Kind, "Kind",
        [
            new Choice("Defect: a feature is broken", "defect"),
            new Choice("Scope: it does not do what we expected", "scope"),
            new Choice("Trust: we lost confidence", "trust"),
            new Choice("Request: something new", "request"),
        ]) { Value = "defect", Style = "compact" },
    ], [new SubmitButton("Report", new SubmitData(CardVerbs.SubmitGap)) { Style = "positive" }]);

    public static AdaptiveCard Ownership() => Blocks.Card(
    [
        Blocks.Title("The 48-hour ownership message"),
        Blocks.Subtle("Four plain answers; they are posted to the channel as one card."),
        Field(FormFields.Broken, "What is broken", required: true, multiline: true),
        Field(FormFields.Affected, "Who is affected", required: true, multiline: true),
        Field(FormFields.DoingNow, "What we are doing now", required: true, multiline: true),
        Field(FormFields.NextUpdate, "When you hear from us next", required: true, placeholder: "Friday 16:00, in this channel"),
    ], [new SubmitButton("Post it", new SubmitData(CardVerbs.SubmitOwnership)) { Style = "positive" }]);

    private static InputText Field(string id, string label, bool required = false, int max = 1000, bool multiline = false, string? placeholder = null) =>
        new(id, label)
        {
            IsRequired = required ? true : null,
            ErrorMessage = required ? $"{label} is required." : null,
            IsMultiline = multiline ? true : null,
            MaxLength = max,
            Placeholder = placeholder,
        };
}
