using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>
/// What a closed recovery still takes: reading it, follow-up items (`gap` / `request`), lessons and questions.
/// `start` begins the channel's next recovery. Everything else is refused in one line.
/// </summary>
internal static class Closure
{
    public static bool StillApplies(ChatCommand command) => command is StartCommand or ReportCommand or LessonCommand
        or QuestionCommand or LogCommand or ShowCommand or ShowChangeCommand or SummaryCommand or HistoryCommand or RecoveriesCommand or MineCommand;

    public static string Refusal(Recovery r, string verb, TimeZoneInfo zone) =>
        $"\"{r.Name}\" was closed{On(r, zone)}, so `{verb}` no longer applies. Report what still hurts with `gap <title>`, " +
        "or start the next recovery here with `start <name>`.";

    private static string On(Recovery r, TimeZoneInfo zone) => r.ClosedAt is { } at ? " on " + Fmt.Date(zone.Today(at)) : "";

    /// <summary>A follow-up item is a gap reported after its recovery was closed.</summary>
    public static bool IsFollowUp(Recovery r, Gap g) => r.ClosedAt is { } closed && g.CreatedAt >= closed;
}
