using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>Turns a card click or form submit into the same command a typed message would give.</summary>
public static class CardActionMapper
{
    private const string Unknown = "That button is not one RecoveryBot knows; nothing was changed.";

    public static ParseResult Map(CardAction a) => a.Verb switch
    {
        CardVerbs.Begin => WithGap(a, g => new BeginCommand(g)),
        CardVerbs.Works => WithGap(a, g => new WorksCommand(g)),
        CardVerbs.Broken => a.Input(FormFields.Note) is { } note
            ? WithGap(a, g => new BrokenCommand(g, Clip(note, TextLimits.Note)))
            : new ParseResult.Error("Say what still breaks in the note, then click \"Still broken\" again. Nothing was changed."),
        CardVerbs.SignOff => WithGap(a, g => new SignOffCommand(g)),
        CardVerbs.Approve => WithChange(a, n => new ApproveCommand(n)),
        CardVerbs.Reject => a.Input(FormFields.Note) is { } reason
            ? WithChange(a, n => new RejectCommand(n, Clip(reason, TextLimits.Note)))
            : new ParseResult.Error("Give a reason for the rejection in the note, then click \"Reject\" again. Nothing was changed."),
        CardVerbs.SubmitGap => SubmitGap(a),
        CardVerbs.SubmitOwnership => SubmitOwnership(a),
        CardVerbs.LogPage => LogPage(a),
        CardVerbs.ReadyForm => WithGap(a, g => new ItemFormCommand(g, ItemForm.Ready)),
        CardVerbs.DueForm => WithGap(a, g => new ItemFormCommand(g, ItemForm.MoveDue)),
        CardVerbs.SubmitReady => WithGap(a, g => SubmitReady(a, g)),
        CardVerbs.SubmitDue => WithGap(a, g => SubmitDue(a, g)),
        _ => new ParseResult.Error(Unknown),
    };

    private static ParseResult WithGap(CardAction a, Func<GapId, ChatCommand> make) =>
        WithGap(a, g => new ParseResult.Ok(make(g)));

    private static ParseResult WithGap(CardAction a, Func<GapId, ParseResult> make) =>
        a.Gap is { } g && a.Revision is not null ? make(g) : new ParseResult.Error(Unknown);

    // The forms give the typed commands' records; the handler's checks (role, state, dates, retester) are theirs.
    private static ParseResult SubmitReady(CardAction a, GapId g)
    {
        if (a.Input(FormFields.Retester) is not { } picked)
        {
            return new ParseResult.Error($"Pick who retests {g}, then send the form again. Nothing was changed.");
        }
        if (Person(picked) is not { } retester) return new ParseResult.Error(FormDocs.UnknownPerson(g));
        if (Date(a, FormFields.RetestDate) is not { } retest) return DateError(a, FormFields.RetestDate, "retest date");
        DateSpec? training = null;
        if (a.Input(FormFields.TrainingDate) is not null && (training = Date(a, FormFields.TrainingDate)) is null)
        {
            return DateError(a, FormFields.TrainingDate, "training date");
        }
        return new ParseResult.Ok(new ReadyCommand(g, retester, retest, training, null));
    }

    private static ParseResult SubmitDue(CardAction a, GapId g)
    {
        if (Date(a, FormFields.Due) is not { } due) return DateError(a, FormFields.Due, "new due date");
        if (a.Input(FormFields.Reason) is not { } reason)
        {
            return new ParseResult.Error($"Moving the date of {g} needs a reason; write it in the form and send it again. Nothing was changed.");
        }
        return new ParseResult.Ok(new MoveDueCommand(g, due, Clip(reason, TextLimits.Note)));
    }

    /// <summary>A picked person as a mention reads: <c>U123</c> or <c>29:1abc|Dana Ruiz</c>.</summary>
    private static UserRef? Person(string value) =>
        Mentions.TryRead($"<@{value}>", 0, out var user, out var end) && end == value.Length + 3 ? user : null;

    private static DateSpec.Exact? Date(CardAction a, string key) =>
        DateOnly.TryParseExact(a.Input(key), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? new DateSpec.Exact(d) : null;

    private static ParseResult.Error DateError(CardAction a, string key, string what) => new(a.Input(key) is { } typed
        ? $"{Echo.Quote(typed)} is not a date; pick the {what} (YYYY-MM-DD). Nothing was changed."
        : $"Pick the {what}, then send the form again. Nothing was changed.");

    private static ParseResult WithChange(CardAction a, Func<int, ChatCommand> make) =>
        a.Change is { } n and > 0 && a.Revision is not null ? new ParseResult.Ok(make(n)) : new ParseResult.Error(Unknown);

    private static ParseResult SubmitGap(CardAction a)
    {
        var title = a.Input(FormFields.Title);
        if (title is null) return new ParseResult.Error("A gap needs a title: what is broken, in plain words. Nothing was saved.");
        if (title.Length > TextLimits.Title) return new ParseResult.Error($"The title is too long (at most {TextLimits.Title} characters). Nothing was saved.");
        var kind = Enum.TryParse<GapKind>(a.Input(FormFields.Kind), ignoreCase: true, out var k) ? k : GapKind.Defect;
        var details = new GapDetails(Field(a, FormFields.Expected), Field(a, FormFields.Actual), Field(a, FormFields.Impact), Field(a, FormFields.Affected));
        return new ParseResult.Ok(new ReportCommand(kind, title, details, a.Input(FormFields.Link)));
    }

    private static ParseResult SubmitOwnership(CardAction a)
    {
        string?[] answers = [Field(a, FormFields.Broken), Field(a, FormFields.Affected), Field(a, FormFields.DoingNow), Field(a, FormFields.NextUpdate)];
        if (answers.Any(string.IsNullOrEmpty))
        {
            return new ParseResult.Error("The ownership message needs all four answers: what is broken, who is affected, what we do now, when they hear next. Nothing was posted.");
        }
        return new ParseResult.Ok(new OwnershipCommand(new OwnershipFields(answers[0]!, answers[1]!, answers[2]!, answers[3]!)));
    }

    private static ParseResult.Ok LogPage(CardAction a)
    {
        var filter = Enum.TryParse<LogFilter>(a.Input(FormFields.Filter), ignoreCase: true, out var f) ? f : LogFilter.Open;
        var page = int.TryParse(a.Input(FormFields.Page), System.Globalization.CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, 10_000) : 1;
        return new ParseResult.Ok(new LogCommand(filter, page));
    }

    private static string? Field(CardAction a, string key) => a.Input(key) is { } v ? Clip(v, TextLimits.Note) : null;

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
