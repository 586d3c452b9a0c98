using System.Collections.Frozen;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Commands;

/// <summary>Reporting gaps and moving one item through its lifecycle.</summary>
internal static class GapParsers
{
    /// <summary><c>gap scope: Reps expected offline mode</c> sets the kind; without a prefix a gap is a defect.</summary>
    private static readonly FrozenDictionary<string, GapKind> KindPrefixes = new Dictionary<string, GapKind>
    {
        ["defect:"] = GapKind.Defect,
        ["scope:"] = GapKind.Scope,
        ["trust:"] = GapKind.Trust,
        ["request:"] = GapKind.Request,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static ParseResult Gap(Args a)
    {
        var kind = GapKind.Defect;
        if (a.Peek is { } token && KindPrefixes.TryGetValue(token.Text, out var prefixed))
        {
            kind = prefixed;
            a.Skip();
        }
        return a.Result(new ReportCommand(kind, a.OptionalText(TextField.Title)));
    }

    public static ParseResult Request(Args a) =>
        a.Text(TextField.Title, "request Export quotes to CSV") is { } title
            ? a.Result(new ReportCommand(GapKind.Request, title))
            : a.Failed;

    public static ParseResult Assign(Args a)
    {
        const string Example = "assign G-7 @Ana fri";
        return a.Gap(Example) is { } gap && a.User("owner", Example) is { } owner && a.Date("due date", Example) is { } due
            ? a.Done(new AssignCommand(gap, owner, due))
            : a.Failed;
    }

    public static ParseResult Begin(Args a) => a.Gap("begin G-7") is { } gap ? a.Done(new BeginCommand(gap)) : a.Failed;

    public static ParseResult Ready(Args a)
    {
        const string Example = "ready G-7 retest @Ana thu";
        if (a.Gap(Example) is not { } gap) return a.Failed;
        a.Keyword("retest");
        if (a.User("retester", Example) is not { } retester || a.Date("retest date", Example) is not { } retest) return a.Failed;
        if (a.AtEnd) return a.Result(new ReadyCommand(gap, retester, retest, null, null));
        if (!a.Keyword("training"))
        {
            a.End();
            return a.Failed;
        }
        return a.Date("training date", Example + " training fri") is { } training
            ? a.Result(new ReadyCommand(gap, retester, retest, training, a.OptionalText(TextField.Note)))
            : a.Failed;
    }

    public static ParseResult Trained(Args a) =>
        a.Gap("trained G-7 sales team, 12 people") is { } gap ? a.Result(new TrainedCommand(gap, a.OptionalText(TextField.Note))) : a.Failed;

    public static ParseResult Works(Args a) => a.Gap("works G-7") is { } gap ? a.Done(new WorksCommand(gap)) : a.Failed;

    public static ParseResult Broken(Args a)
    {
        const string Example = "broken G-7 quotes still fail on mobile";
        return a.Gap(Example) is { } gap && a.Text(TextField.Note, Example) is { } note
            ? a.Result(new BrokenCommand(gap, note))
            : a.Failed;
    }

    public static ParseResult Due(Args a)
    {
        const string Example = "due G-7 fri because the vendor fix slipped";
        if (a.Gap(Example) is not { } gap || a.Date("new due date", Example) is not { } due) return a.Failed;
        a.Keyword("because");
        return a.Text(TextField.Reason, Example) is { } reason ? a.Result(new MoveDueCommand(gap, due, reason)) : a.Failed;
    }

    public static ParseResult Defer(Args a) =>
        a.Gap("defer G-7") is { } gap ? a.Done(new MoveBucketCommand(gap, Bucket.Later)) : a.Failed;

    public static ParseResult Now(Args a) =>
        a.Gap("now G-7") is { } gap ? a.Done(new MoveBucketCommand(gap, Bucket.Now)) : a.Failed;

    public static ParseResult Scope(Args a)
    {
        const string Example = "scope G-7 expected Reps send quotes from the phone app";
        if (a.Gap(Example) is not { } gap) return a.Failed;
        ScopeField? field = a.Keyword("title") ? ScopeField.Title : a.Keyword("expected") ? ScopeField.Expected
            : a.Keyword("actual") ? ScopeField.Actual : a.Keyword("impact") ? ScopeField.Impact : null;
        if (field is null)
        {
            return a.Fail(a.Peek is { } token
                ? $"{Echo.Quote(token.Text)} is not part of an item's scope; use `title`, `expected`, `actual` or `impact`, e.g. `{Example}`."
                : $"Say which part to change: `title`, `expected`, `actual` or `impact`, e.g. `{Example}`.");
        }
        var limit = field == ScopeField.Title ? TextField.Title : TextField.Note;
        return a.Text(limit, Example) is { } text ? a.Result(new ScopeCommand(gap, field.Value, text)) : a.Failed;
    }

    public static ParseResult Decline(Args a)
    {
        const string Example = "decline G-7 works as agreed in the contract";
        return a.Gap(Example) is { } gap && a.Text(TextField.Reason, Example) is { } reason
            ? a.Result(new DeclineCommand(gap, reason))
            : a.Failed;
    }
}
