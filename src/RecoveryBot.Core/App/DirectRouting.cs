using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>
/// Commands typed (or cards clicked) in a direct message with the bot act on a channel's recovery: the one where the
/// person has that item or role. This finds the candidates; the turn itself then runs exactly as in the channel.
/// </summary>
public static class DirectRouting
{
    /// <summary>What a command names, when it names one item or change request; null for everything else.</summary>
    public static (GapId? Gap, int? Change)? TargetOf(ChatCommand command) => command switch
    {
        WorksCommand c => (c.Gap, null),
        BrokenCommand c => (c.Gap, null),
        ReadyCommand c => (c.Gap, null),
        BeginCommand c => (c.Gap, null),
        ShowCommand c => (c.Gap, null),
        MoveDueCommand c => (c.Gap, null),
        ItemFormCommand c => (c.Gap, null),
        TrainedCommand c => (c.Gap, null),
        SignOffCommand { Gap: { } g } => (g, null),
        ApproveCommand c => (null, c.Change),
        RejectCommand c => (null, c.Change),
        _ => null,
    };

    /// <summary>Whether <paramref name="person"/> has the item (owner, retester) or a role for it (lead, approver) in <paramref name="r"/>.</summary>
    public static bool Concerns(Recovery r, UserRef person, Gap? gap, ChangeRequest? change)
    {
        if (r.Phase == RecoveryPhase.Closed) return false;
        var role = r.Lead.Is(person) || r.Approver.Is(person);
        if (gap is not null) return role || gap.Owner.Is(person) || gap.Retester.Is(person);
        return change is not null && role;
    }

    /// <summary>A recovery where the person has the item a direct command names, with the item as read.</summary>
    public sealed record Candidate(Recovery Recovery, Gap? Gap, ChangeRequest? Change);

    /// <summary>
    /// Of several candidates, the one recovery where <paramref name="person"/> holds the role this very command needs on an
    /// item in the state it needs (and, for a click, at the revision the card showed); null when none or several fit.
    /// </summary>
    public static Recovery? Narrow(IReadOnlyList<Candidate> candidates, UserRef person, ChatCommand command, int? revision)
    {
        var fit = candidates.Where(c => Fits(c, person, command) && (revision is null || (c.Gap?.Revision ?? c.Change?.Revision) == revision)).Take(2).ToList();
        return fit.Count == 1 ? fit[0].Recovery : null;
    }

    private static bool Fits(Candidate c, UserRef person, ChatCommand command) => command switch
    {
        WorksCommand or BrokenCommand => c.Gap is { Status: GapStatus.FixReady } g && g.Retester.Is(person),
        BeginCommand => c.Gap is { Status: GapStatus.Planned } g && g.Owner.Is(person),
        ReadyCommand or MoveDueCommand or ItemFormCommand => c.Gap is { } g && g.Status.IsActive() && g.Owner.Is(person),
        ApproveCommand or RejectCommand => c.Change is { State: ApprovalState.Pending } && c.Recovery.Approver.Is(person),
        SignOffCommand => c.Gap is { Status: GapStatus.Verified } && c.Recovery.Approver.Is(person),
        _ => false,
    };

    public static string None(GapId? gap, int? change) =>
        $"You have no {(gap is { } g ? g.ToString() : $"CR-{change}")} in any recovery you are part of (as lead, approver, owner or retester). " +
        "Type the command in the recovery's channel instead.";

    public const string Unroutable = "In a direct message I can act on one item: type the command in the recovery's channel, or name the item (e.g. `works G-7`).";

    /// <summary>The question when the item could be in several recoveries: one button per recovery, each running the same command there.</summary>
    public static CardDoc Choose(string what, string command, IReadOnlyList<Recovery> candidates) => new()
    {
        Title = $"Which recovery is {what} in?",
        Sections = [new Section(null, [$"You have {what} in {candidates.Count} recoveries. Pick the one `{Echo.Quote(command).Trim('`')}` is for."], Bulleted: false)],
        Actions = [.. candidates.Select(r => new ActionView(CardVerbs.InRecovery, r.Name) { Recovery = r.Id.Value, Command = command })],
        Summary = $"Which recovery is {what} in?",
    };

    /// <summary>The command as typed again, for a click whose recovery must be asked for (the buttons re-run it).</summary>
    public static string? TextOf(ChatCommand command) => command switch
    {
        WorksCommand c => $"works {c.Gap}",
        BrokenCommand c => $"broken {c.Gap} {c.Note}",
        BeginCommand c => $"begin {c.Gap}",
        ShowCommand c => $"show {c.Gap}",
        SignOffCommand { Gap: { } g } => $"signoff {g}",
        ApproveCommand c => $"approve CR-{c.Change}",
        RejectCommand c => $"reject CR-{c.Change} {c.Reason}",
        _ => null,
    };
}
