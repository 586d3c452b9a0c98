using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Views;

/// <summary>The forms behind <c>gap</c> (no title), <c>ownership</c>, an item's Mark fix ready and Move the date, and the note a button asks for.</summary>
public static class FormDocs
{
    public static CardDoc For(string submitVerb, string? title = null) =>
        submitVerb == CardVerbs.SubmitOwnership ? Ownership() : Gap(title);

    public static CardDoc Gap(string? title = null) => new()
    {
        Title = "Report a gap",
        Notes = ["One problem per report, in plain words."],
        Inputs =
        [
            new(FormFields.Title, "What is the problem?", Required: true, MaxLength: TextLimits.Title,
                Placeholder: "Sales reps cannot send quotes from mobile", Initial: Commands.Tokenizer.Normalize(title) is { Length: > 0 } clean ? Clip(clean, TextLimits.Title) : null),
            new(FormFields.Expected, "What did you expect?", InputKind.Text),
            new(FormFields.Actual, "What happens now?", InputKind.Text),
            new(FormFields.Impact, "Business impact", InputKind.Text),
            new(FormFields.Affected, "Who feels it (a role or team)"),
            new(FormFields.Kind, "Kind", InputKind.Choice, Required: true, Initial: GapKind.Defect.Text(), Choices:
            [
                new("Defect: a feature is broken", GapKind.Defect.Text()),
                new("Scope: it does not do what we expected", GapKind.Scope.Text()),
                new("Trust: we lost confidence", GapKind.Trust.Text()),
                new("Request: something new", GapKind.Request.Text()),
            ]),
        ],
        Actions = [new ActionView(CardVerbs.SubmitGap, "Report", ActionStyle.Positive)],
        Summary = "Report a gap",
    };

    public static CardDoc Ownership() => new()
    {
        Title = "Ownership message",
        Notes = ["The 48-hour message: four plain answers, posted to the channel as one card."],
        Inputs =
        [
            new(FormFields.Broken, "What is broken", InputKind.Text, Required: true),
            new(FormFields.Affected, "Who is affected", InputKind.Text, Required: true),
            new(FormFields.DoingNow, "What we are doing now", InputKind.Text, Required: true),
            new(FormFields.NextUpdate, "When you hear from us next", Required: true, Placeholder: "Friday 16:00, in this channel"),
        ],
        Actions = [new ActionView(CardVerbs.SubmitOwnership, "Post it", ActionStyle.Positive, Role.Lead)],
        Summary = "Ownership message",
    };

    /// <summary>Mark fix ready: it submits as <c>ready G-7 retest @user &lt;date&gt; [training &lt;date&gt;]</c>, with that command's checks.</summary>
    public static CardDoc Ready(Recovery r, Gap g) => new()
    {
        Title = $"{g.Id}: Mark fix ready",
        Notes = [$"{r.Name}, \"{g.Title}\": who retests the fix in their normal day, and when. The retester cannot be the owner."],
        Inputs =
        [
            new(FormFields.Retester, "Who retests it?", InputKind.Person, Required: true),
            new(FormFields.RetestDate, "Retest date", InputKind.Date, Required: true),
            new(FormFields.TrainingDate, "Training date (optional)", InputKind.Date),
        ],
        Actions = [new ActionView(CardVerbs.SubmitReady, "Mark fix ready", ActionStyle.Positive, Role.Owner) { Gap = g.Id, Revision = g.Revision }],
        Summary = $"{g.Id}: Mark fix ready",
    };

    /// <summary>Move the date: it submits as <c>due G-7 &lt;date&gt; because &lt;reason&gt;</c>, with that command's checks.</summary>
    public static CardDoc MoveDue(Recovery r, Gap g) => new()
    {
        Title = $"{g.Id}: Move the date",
        Notes = [$"{r.Name}, \"{g.Title}\" is due {Fmt.Date(g.Due)}. A new date needs a reason; the move is counted."],
        Inputs =
        [
            new(FormFields.Due, "New due date", InputKind.Date, Required: true),
            new(FormFields.Reason, "Why does it move?", InputKind.Text, Required: true, MaxLength: TextLimits.Note,
                Placeholder: "the vendor fix slipped"),
        ],
        Actions = [new ActionView(CardVerbs.SubmitDue, "Move the date", ActionStyle.Positive, Role.Owner) { Gap = g.Id, Revision = g.Revision }],
        Summary = $"{g.Id}: Move the date",
    };

    /// <summary>The line said when a picked person is not someone the bot can address (a Teams people-picker id it cannot map).</summary>
    public static string UnknownPerson(GapId? gap) =>
        $"I cannot tell who that person is here; type `ready {(gap is { } g ? g.ToString() : "G-7")} retest @name <date>` with an @mention instead. Nothing was changed.";

    /// <summary>The note a button asks for before its click counts (Still broken, Reject).</summary>
    public static FormInput NoteInput(string label, bool required) =>
        new(FormFields.Note, label, InputKind.Text, Required: required, MaxLength: TextLimits.Note);

    /// <summary>Cuts without a marker, never inside a surrogate pair (a prefilled value stays intact in form).</summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }
}
