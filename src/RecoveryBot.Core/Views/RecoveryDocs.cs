using System.Globalization;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Views;

/// <summary>The recovery-level cards: the gap log, the ownership message, approvals and go/no-go.</summary>
public static class RecoveryDocs
{
    public const int LogPageSize = 15;

    public static CardDoc Log(Recovery r, string title, LogFilter filter, IReadOnlyList<Gap> rows, int page, int pages, int total, DateOnly today)
    {
        var actions = new List<ActionView>();
        if (page > 1) actions.Add(Page("Previous", filter, page - 1));
        if (page < pages) actions.Add(Page("Next", filter, page + 1));
        return new CardDoc
        {
            Title = $"{title} ({N(total)})",
            Context = r.Name,
            Sections = [rows.Count == 0 ? new Section(null, ["Nothing here."], Bulleted: false) : new Section(null, [.. rows.Select(g => Fmt.Row(g, today))])],
            Notes = [$"{N(total)} item(s) · page {N(page)} of {N(pages)} · newest risk first", "`show G-7` opens one item with its history."],
            Actions = actions,
            Summary = $"{title} — {r.Name}: {N(total)} item(s), page {N(page)} of {N(pages)}",
        };
    }

    public static CardDoc Ownership(Recovery r, OwnershipMessage m) => new()
    {
        Title = "We own this: where the recovery stands",
        Context = r.Name,
        Facts =
        [
            new("What is broken", m.Broken),
            new("Who is affected", m.Affected),
            new("What we are doing now", m.DoingNow),
            new("When you hear from us next", m.NextUpdate),
        ],
        Banner = r.Frozen ? new Banner("New requests are frozen until the reset is agreed.", Tone.Attention) : null,
        Notes = [$"Posted by {m.By.Name}"],
        Summary = $"We own this: {r.Name} — {m.Broken}",
    };

    /// <summary>An approval waiting for the approver: the request, its details and Approve / Reject.</summary>
    public static CardDoc Approval(Recovery r, ChangeRequest c, IReadOnlyList<Section> details, TimeZoneInfo zone) => new()
    {
        Title = Title(c),
        Context = r.Name,
        Banner = new Banner($"{Fmt.At(r.Approver)}, this waits for your decision."),
        Sections = [new Section(null, [c.Summary], Bulleted: false), .. details],
        Notes = [$"Requested by {c.RequestedBy.Name} on {Fmt.When(c.RequestedAt, zone)}; only {Fmt.Who(r.Approver)} (approver) can decide."],
        Actions = Decide(c),
        Summary = $"{Title(c)}: {c.Summary} — waiting for {Fmt.At(r.Approver)}",
        AwaitsDecisionOf = c.Number,
        Recovery = r.Id,
        Subject = new CardSubject(CardKind.Change, null, c.Number, c.Revision),
        Holders = r.Approver is { } approver ? [new RoleHolder(Role.Approver, approver)] : [],
    };

    /// <summary>The same card after the decision: who decided and when, and no buttons.</summary>
    public static CardDoc Decided(Recovery r, ChangeRequest c, TimeZoneInfo zone) => new()
    {
        Title = Title(c),
        Context = r.Name,
        Sections = [new Section(null, [c.Summary], Bulleted: false)],
        Banner = new Banner(Decision(c, zone), c.State == ApprovalState.Rejected ? Tone.Attention : Tone.Good),
        Summary = $"{Title(c)}: {Decision(c, zone)}",
        Subject = new CardSubject(CardKind.Change, null, c.Number, c.Revision),
    };

    /// <summary>What a card shows when the item it was about is gone (or the channel has no recovery any more).</summary>
    public static CardDoc Gone(string what) => new()
    {
        Title = $"{what} is no longer here",
        Notes = [$"{what} is not in this channel's current recovery, so this card has nothing to act on. `log all` lists every item."],
        Summary = $"{what} is no longer here",
    };

    /// <summary>"Approved by Dana Ruiz on Wed 2 Dec 2026 14:05" (with the reason of a rejection).</summary>
    public static string Decision(ChangeRequest c, TimeZoneInfo zone)
    {
        var verb = c.State == ApprovalState.Rejected ? "Rejected" : "Approved";
        var when = c.DecidedAt is { } at ? $" on {Fmt.When(at, zone)}" : "";
        return $"{verb} by {Fmt.Who(c.DecidedBy)}{when}{(c.Reason is { } reason ? $": {reason}" : "")}";
    }

    public static IReadOnlyList<ActionView> Decide(ChangeRequest c) =>
    [
        new(CardVerbs.Approve, "Approve", ActionStyle.Positive, Role.Approver) { Change = c.Number, Revision = c.Revision },
        new(CardVerbs.Reject, "Reject", ActionStyle.Destructive, Role.Approver)
        {
            Change = c.Number, Revision = c.Revision, Note = FormDocs.NoteInput("Reason for rejecting", required: true),
        },
    ];

    public static CardDoc GoNoGo(Recovery r, bool passes, IReadOnlyList<string> blockers) => new()
    {
        Title = "Go / no-go",
        Context = r.Name,
        Banner = passes ? new Banner("Go: nothing blocks closing this recovery.", Tone.Good)
            : new Banner($"No go yet: {N(blockers.Count)} thing(s) block closing.", Tone.Attention),
        Sections = passes ? [new Section(null, ["The lead can ask the approver to sign off with `close`."], Bulleted: false)]
            : [new Section("What still blocks it", blockers)],
        Summary = passes ? $"Go / no-go — {r.Name}: ready to close" : $"Go / no-go — {r.Name}: {N(blockers.Count)} blocker(s)",
    };

    private static string Title(ChangeRequest c) => $"{Cap(c.Kind.Text())} {c.Label}";

    private static ActionView Page(string label, LogFilter filter, int page) =>
        new(CardVerbs.LogPage, label) { Filter = filter, Page = page };

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
