using System.Collections.Frozen;
using System.Text;

namespace RecoveryBot.Core.Commands;

/// <summary>One command as users see it: the word, its form and one line on what it does.</summary>
public sealed record CommandInfo(string Name, string Usage, string Description);

/// <summary>
/// Every command of the command language, in the order help and the Teams command menu show them.
/// Descriptions stay under 128 characters, the Teams manifest's limit.
/// </summary>
public static class CommandCatalog
{
    private static readonly (string Group, CommandInfo Info)[] Entries =
    [
        ("Reading", new("help", "help [command]", "Show the commands, or how to write one of them.")),
        ("Setting up", new("start", "start <name> [tz <zone>]", "Start a recovery in this channel; you become the lead and new requests are frozen.")),
        ("Setting up", new("approver", "approver @user", "Name the client-side approver.")),
        ("Setting up", new("lead", "lead @user", "Hand the lead role to someone else.")),
        ("Setting up", new("ownership", "ownership", "Write and post the 48-hour ownership message.")),
        ("Gaps", new("gap", "gap [scope:|trust:] [<title>]", "Report a gap; with no title it opens a form.")),
        ("Gaps", new("request", "request <title>", "Log a new request (it goes to later while requests are frozen).")),
        ("Gaps", new("assign", "assign G-7 @user <date>", "Give an item one owner and one due date.")),
        ("Gaps", new("begin", "begin G-7", "Start work on a planned item.")),
        ("Gaps", new("ready", "ready G-7 retest @user <date> [training <date> [note]]", "Mark a fix ready and schedule the retest by a real user.")),
        ("Gaps", new("trained", "trained G-7 [note]", "Record that the training session for an item took place.")),
        ("Gaps", new("works", "works G-7", "Retester: the fix works in my normal day.")),
        ("Gaps", new("broken", "broken G-7 <note>", "Retester: it is still broken; say what happened.")),
        ("Gaps", new("due", "due G-7 <date> because <reason>", "Move a due date; the reason is required and the slip is counted.")),
        ("Gaps", new("defer", "defer G-7", "Propose moving an item to later (the approver decides).")),
        ("Gaps", new("now", "now G-7", "Propose moving an item into the recovery (the approver decides).")),
        ("Gaps", new("decline", "decline G-7 <reason>", "Decline an item, with a reason (lead only).")),
        ("Gaps", new("scope", "scope G-7 title|expected|actual|impact <text>", "Change an item's scope; once the plan is approved the approver decides.")),
        ("Steering", new("freeze", "freeze on|off", "Freeze or unfreeze new requests.")),
        ("Steering", new("plan", "plan", "Propose the reset plan to the approver.")),
        ("Steering", new("milestone", "milestone <date> <text>", "Add a dated milestone the team will be held to.")),
        ("Steering", new("lesson", "lesson <text>", "Record what failed in the first implementation: the cause, not the symptom.")),
        ("Steering", new("question", "question <text>", "Log a how-to question users still ask; repeats are counted.")),
        ("Steering", new("review", "review <date> [hh:mm]", "Set the next review date.")),
        ("Steering", new("escalation", "escalation <text>", "Set the escalation path shown in the plan.")),
        ("Reading", new("log", "log [open|mine|overdue|later|all] [page N]", "Show the gap log, newest risk first.")),
        ("Reading", new("mine", "mine", "What waits for you: items you own, retest or approve. In a direct message, across all your recoveries.")),
        ("Reading", new("show", "show G-7", "Show one item with its history; `show CR-3` shows a change request's card.")),
        ("Reading", new("checkin", "checkin [preview]", "Post the weekly check-in now, or preview it.")),
        ("Reading", new("summary", "summary [rotate]", "Link to the one-page summary; rotate replaces the link.")),
        ("Reading", new("history", "history", "Show the recovery's own history: roles, freeze, phase, settings and decisions.")),
        ("Reading", new("recoveries", "recoveries", "List every recovery of this channel, closed ones included, with their summary links.")),
        ("Closing", new("gonogo", "gonogo", "Check what still blocks closing the recovery.")),
        ("Closing", new("close", "close", "Ask the approver to sign off closure.")),
        ("Closing", new("retro", "retro", "Link to a drafted retrospective (Markdown) for the team's wiki.")),
        ("Setting up", new("settings", "settings checkin <weekday> <hh:mm> | settings tz <zone> | settings followup <days>", "Set the check-in day and time, the time zone, or the days from closure to the follow-up.")),
        ("Approver", new("approve", "approve CR-3", "Approve a pending request: reset plan, scope change, sign-off or closure.")),
        ("Approver", new("reject", "reject CR-3 <reason>", "Reject a pending request, with a reason.")),
        ("Approver", new("signoff", "signoff [G-7]", "Approver: close one verified item, or all of them. Lead: post the sign-off card.")),
    ];

    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["go/no-go"] = "gonogo",
        ["go-no-go"] = "gonogo",
        ["sign-off"] = "signoff",
        ["check-in"] = "checkin",
        ["?"] = "help",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, CommandInfo> ByName =
        Entries.ToFrozenDictionary(e => e.Info.Name, e => e.Info, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<CommandInfo> All { get; } = [.. Entries.Select(e => e.Info)];

    /// <summary>The command a word names, aliases included (<c>go/no-go</c> → <c>gonogo</c>); case-insensitive.</summary>
    public static CommandInfo? Find(string? word)
    {
        if (string.IsNullOrEmpty(word)) return null;
        if (Aliases.TryGetValue(word, out var name)) word = name;
        return ByName.GetValueOrDefault(word);
    }

    /// <summary>The nearest command name to a mistyped word, or null when nothing is close.</summary>
    public static string? Suggest(string? word) => NearMiss.Closest(word, ByName.Keys);

    public static string UnknownCommand(string word) =>
        Suggest(word) is { } near
            ? $"Unknown command {Echo.Quote(word)}. Did you mean `{near}`?"
            : $"Unknown command {Echo.Quote(word)}. Type `help` for the list.";

    /// <summary>
    /// No topic: the compact list. A command: its form and what it does. Anything else: the
    /// unknown-command line with the nearest command.
    /// </summary>
    public static string HelpText(string? topic)
    {
        var word = topic?.Trim();
        if (string.IsNullOrEmpty(word)) return Overview;
        return Find(word) is { } info ? $"`{info.Usage}` — {info.Description}" : UnknownCommand(word);
    }

    private static readonly string Overview = BuildOverview();

    private static string BuildOverview()
    {
        var text = new StringBuilder("RecoveryBot commands. Type `help <command>` for one of them, e.g. `help assign`.");
        string[] order = ["Setting up", "Gaps", "Steering", "Approver", "Closing", "Reading"];
        foreach (var group in Entries.GroupBy(e => e.Group).OrderBy(g => Array.IndexOf(order, g.Key)))
        {
            text.Append('\n').Append(group.Key).Append(": ").AppendJoin(", ", group.Select(e => $"`{e.Info.Name}`"));
        }
        return text.Append("\nDates: ").Append(DateParser.Forms).Append(". Mention people with @.").ToString();
    }
}
