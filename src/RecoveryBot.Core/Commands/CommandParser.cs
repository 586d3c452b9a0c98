using System.Globalization;

namespace RecoveryBot.Core.Commands;

/// <summary>
/// Turns one chat message into a <see cref="ChatCommand"/>, or one line that says what is wrong and
/// how to write it. Pure: no clock, no I/O; dates stay <see cref="DateSpec"/>s for the service to resolve.
/// </summary>
public static class CommandParser
{
    /// <summary>Far beyond any valid command (notes stop at 1000 characters); refused before any work.</summary>
    public const int MaxInputLength = 16_000;

    public static ParseResult Parse(string? text)
    {
        if (text is { Length: > MaxInputLength })
        {
            return new ParseResult.Error($"That message is too long for a command; notes can be up to {TextField.NoteMax.ToString(CultureInfo.InvariantCulture)} characters.");
        }
        var line = Tokenizer.Normalize(text);
        var tokens = Tokenizer.Tokenize(line);
        // No command starts with a mention, so a leading one is the bot's own (Slack's app_mention keeps it).
        var first = tokens.Count > 0 && (tokens[0].Is("/recovery") || tokens[0].Mention is not null) ? 1 : 0;
        if (first >= tokens.Count) return new ParseResult.Ok(new HelpCommand(null));

        var word = tokens[first].Text;
        var verb = CommandCatalog.Find(word)?.Name;
        if (verb is null) return Unknown(word);
        var args = new Args(verb, line, tokens, first);
        return verb switch
        {
            "help" => ReadParsers.Help(args),
            "start" => RecoveryParsers.Start(args),
            "approver" => RecoveryParsers.Approver(args),
            "lead" => RecoveryParsers.Lead(args),
            "ownership" => args.Done(new OwnershipCommand(null)),
            "gap" => GapParsers.Gap(args),
            "request" => GapParsers.Request(args),
            "assign" => GapParsers.Assign(args),
            "begin" => GapParsers.Begin(args),
            "ready" => GapParsers.Ready(args),
            "trained" => GapParsers.Trained(args),
            "works" => GapParsers.Works(args),
            "broken" => GapParsers.Broken(args),
            "due" => GapParsers.Due(args),
            "defer" => GapParsers.Defer(args),
            "now" => GapParsers.Now(args),
            "decline" => GapParsers.Decline(args),
            "freeze" => RecoveryParsers.Freeze(args),
            "plan" => args.Done(new PlanCommand()),
            "milestone" => RecoveryParsers.Milestone(args),
            "lesson" => RecoveryParsers.Lesson(args),
            "question" => RecoveryParsers.Question(args),
            "review" => RecoveryParsers.Review(args),
            "escalation" => RecoveryParsers.Escalation(args),
            "log" => ReadParsers.Log(args),
            "show" => ReadParsers.Show(args),
            "mine" => args.Done(new MineCommand()),
            "checkin" => ReadParsers.Checkin(args),
            "summary" => ReadParsers.Summary(args),
            "retro" => args.Done(new RetroCommand()),
            "gonogo" => args.Done(new GoNoGoCommand()),
            "close" => args.Done(new CloseCommand()),
            "settings" => RecoveryParsers.Settings(args),
            "scope" => GapParsers.Scope(args),
            "history" => args.Done(new HistoryCommand()),
            "recoveries" => args.Done(new RecoveriesCommand()),
            "approve" => DecisionParsers.Approve(args),
            "reject" => DecisionParsers.Reject(args),
            "signoff" => DecisionParsers.SignOff(args),
            _ => Unknown(word),
        };
    }

    private static ParseResult.Error Unknown(string word)
    {
        var near = CommandCatalog.Suggest(word);
        return new ParseResult.Error(CommandCatalog.UnknownCommand(word), near is null ? null : CommandCatalog.Find(near)?.Usage);
    }
}
