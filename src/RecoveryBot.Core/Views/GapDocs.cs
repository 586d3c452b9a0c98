using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Core.Views;

/// <summary>One gap: the row card, the item with its history (<c>show G-7</c>) and the retest question.</summary>
public static class GapDocs
{
    public const int MaxHistory = 20;
    public const string SourceLabel = "Logged from this message";

    public static CardDoc Row(Recovery r, Gap g, DateOnly today, IReadOnlyList<ActionView> actions, string? banner = null) => new()
    {
        Title = $"{g.Id} {g.Title}",
        Context = r.Name,
        Banner = banner is null ? null : new Banner(banner, Tone.Attention),
        Facts = Facts(r, g, today),
        Links = Source(g),
        Actions = actions,
        Summary = Fmt.Row(g, today),
        Subject = new CardSubject(CardKind.Gap, g.Id, null, g.Revision),
        Holders = Holders(r, g, actions),
    };

    /// <summary>The overdue nudge the owner gets by direct message, with <see cref="Rules.GapActions.OwnerForms"/> as its buttons.</summary>
    public static CardDoc Overdue(Recovery r, Gap g, DateOnly today, IReadOnlyList<ActionView> actions) => Row(r, g, today, actions) with
    {
        Title = $"Overdue: {g.Id} {g.Title}",
        Banner = new Banner($"{Fmt.At(g.Owner)}, {g.Id} was due {Fmt.Date(g.Due)} and is overdue.", Tone.Attention),
        Notes = ["Mark the fix ready with its retester and retest date, or move the date with a reason."],
        Summary = $"{Fmt.At(g.Owner)}, {g.Id} \"{g.Title}\" was due {Fmt.Date(g.Due)} and is overdue.",
    };

    public static CardDoc Detail(Recovery r, Gap g, DateOnly today, IReadOnlyList<HistoryEvent> history, IReadOnlyList<ActionView> actions) =>
        Row(r, g, today, actions) with
        {
            Subject = new CardSubject(CardKind.GapDetail, g.Id, null, g.Revision),
            Facts = [.. Facts(r, g, today), .. Details(g)],
            Sections = [history.Count == 0
                ? new Section("History", ["No history yet."], Bulleted: false)
                : new Section("History, newest first", [.. history.Take(MaxHistory).Select(e => HistoryLine(e, r.Zone))])],
        };

    public static CardDoc Retest(Recovery r, Gap g, IReadOnlyList<ActionView> actions, bool reminder = false, bool late = false) => new()
    {
        Title = reminder ? $"Reminder: does {g.Id} work in your normal day?" : $"Does {g.Id} work in your normal day?",
        Context = r.Name,
        Banner = Verdict(r, g) ?? (reminder ? new Banner($"{Fmt.At(g.Retester)}, this retest is still waiting for your answer.", Tone.Attention)
            : new Banner($"{Fmt.At(g.Retester)}, please retest this in your normal day.")),
        Facts =
        [
            new("Item", $"{g.Id} {g.Title}"),
            new("Retester", Fmt.Who(g.Retester)),
            new("Retest by", Fmt.Date(g.RetestDate)),
            new("Fixed by", Fmt.Who(g.Owner)),
            .. Training(g) is { } t ? [new Fact("Training", t)] : Array.Empty<Fact>(),
        ],
        Notes = [.. late ? [ScheduledTexts.LateCardNote] : Array.Empty<string>(),
            "Try it the way you work every day, not in a demo. Only the retester's answer can close this item."],
        Actions = actions,
        Summary = $"{Fmt.At(g.Retester)}: does {g.Id} work in your normal day? {g.Title}",
        Subject = new CardSubject(CardKind.Retest, g.Id, null, g.Revision),
        Holders = Holders(r, g, actions),
        AwaitsVerdictOf = g.Status == GapStatus.FixReady && actions.Count > 0 ? g.Id : null,
        Recovery = r.Id,
    };

    /// <summary>
    /// The people who hold the roles the buttons need on an item's card. Lead and approver are the recovery's;
    /// owner and retester the item's.
    /// </summary>
    public static IReadOnlyList<RoleHolder> Holders(Recovery r, Gap? g, IReadOnlyList<ActionView> actions) =>
    [
        .. actions.Select(a => a.MayPress).Distinct().Select(role => role switch
        {
            Role.Lead => r.Lead,
            Role.Approver => r.Approver,
            Role.Owner => g?.Owner,
            Role.Retester => g?.Retester,
            _ => null,
        } is { } who ? new RoleHolder(role, who) : null).OfType<RoleHolder>(),
    ];

    /// <summary>Once the retester has answered, the retest card says who answered and how, instead of asking again.</summary>
    private static Banner? Verdict(Recovery r, Gap g) => g.Status switch
    {
        GapStatus.Verified or GapStatus.Closed when g.VerifiedBy is { } by =>
            new Banner($"Works in a normal day — answered by {by.Name}{(g.VerifiedAt is { } at ? $" on {Fmt.When(at, r.Zone)}" : "")}.", Tone.Good),
        GapStatus.InProgress when g.BrokenNote is { } note =>
            new Banner($"Still broken — answered by {Fmt.Who(g.Retester)} on {Fmt.When(g.UpdatedAt, r.Zone)}: {note}", Tone.Attention),
        GapStatus.Open or GapStatus.Planned or GapStatus.InProgress or GapStatus.FixReady => null,
        _ => new Banner($"{g.Id} is {g.Status.Text()}; nothing to retest now.", Tone.Info),
    };

    /// <summary>"Wed 2 Dec 2026 14:05 — Ana Silva: status fix ready → verified (works in my normal day)".</summary>
    public static string HistoryLine(HistoryEvent e, TimeZoneInfo zone)
    {
        var change = (e.From, e.To) switch
        {
            (null, null) => "",
            (null, { } to) => $" → {to}",
            ({ } from, null) => $" {from}",
            ({ } from, { } to) => $" {from} → {to}",
        };
        var note = string.IsNullOrWhiteSpace(e.Note) ? "" : $" ({e.Note})";
        return $"{Fmt.When(e.At, zone)} — {e.Actor.Name}: {e.What}{change}{note}";
    }

    private static List<Fact> Facts(Recovery r, Gap g, DateOnly today)
    {
        var facts = new List<Fact>
        {
            new("Status", g.IsOverdue(today) ? $"{g.Status.Text()}, overdue" : g.Status.Text()),
            new("Kind", $"{g.Kind.Text()}, {g.Bucket.Text()}"),
            new("Owner", Fmt.Who(g.Owner)),
            new("Due", g.Due is { } due ? Fmt.Date(due) + (g.DueSlips > 0 ? $" (moved {g.DueSlips}×)" : "") : "no date yet"),
        };
        if (g.Retester is not null || g.RetestDate is not null) facts.Add(new("Retest", $"{Fmt.Who(g.Retester)}, {Fmt.Date(g.RetestDate)}"));
        if (Training(g) is { } training) facts.Add(new("Training", training));
        if (g.VerifiedBy is { } by) facts.Add(new("Verified by", g.VerifiedAt is { } at ? $"{by.Name}, {Fmt.When(at, r.Zone)}" : by.Name));
        if (g.BrokenNote is { } broken) facts.Add(new("Still broken", broken));
        if (g.DeclineReason is { } reason) facts.Add(new("Declined because", reason));
        facts.Add(new("Reported by", $"{g.Reporter.Name}, {Fmt.When(g.CreatedAt, r.Zone)}"));
        return facts;
    }

    private static IEnumerable<Fact> Details(Gap g)
    {
        if (g.Expected is { } e) yield return new("Expected", e);
        if (g.Actual is { } a) yield return new("Actual", a);
        if (g.Impact is { } i) yield return new("Impact", i);
        if (g.Affected is { } who) yield return new("Affected", who);
    }

    private static string? Training(Gap g) => g.TrainingDate is { } d
        ? $"{Fmt.Date(d)}{(g.TrainedAt is null ? "" : ", done")}{(string.IsNullOrWhiteSpace(g.TrainingNote) ? "" : " — " + g.TrainingNote)}"
        : null;

    private static IReadOnlyList<DocLink> Source(Gap g) =>
        Links.Web(g.SourceLink) is { } url ? [new DocLink(SourceLabel, url)] : [];
}

/// <summary>Only absolute http(s) links are shown as links; anything else is left out.</summary>
public static class Links
{
    public static string? Web(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri : null;
}
