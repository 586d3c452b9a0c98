using System.Globalization;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;

namespace RecoveryBot.Core.Views;

/// <summary>One recovery's share of a person's items: what they own, what they must retest, what waits for their approval.</summary>
public sealed record MineGroup(Recovery Recovery, IReadOnlyList<Gap> Owned, IReadOnlyList<Gap> Retest, IReadOnlyList<ChangeRequest> Approvals)
{
    public int Count => Owned.Count + Retest.Count + Approvals.Count;

    /// <summary>The person's items in <paramref name="r"/>, each list in id order.</summary>
    public static MineGroup Of(Recovery r, UserRef person, IEnumerable<Gap> gaps, IEnumerable<ChangeRequest> changes)
    {
        var all = gaps.OrderBy(g => g.Id.Number).ToList();
        return new MineGroup(r,
            [.. all.Where(g => g.Status.IsActive() && g.Owner.Is(person))],
            [.. all.Where(g => g.Status == GapStatus.FixReady && g.Retester.Is(person))],
            r.Approver.Is(person) ? [.. changes.Where(c => c.State == ApprovalState.Pending).OrderBy(c => c.Number)] : []);
    }

    /// <summary>The first <paramref name="max"/> items, owned first, then retests, then approvals.</summary>
    public MineGroup Take(int max)
    {
        var owned = Owned.Take(max).ToList();
        var retest = Retest.Take(max - owned.Count).ToList();
        return this with { Owned = owned, Retest = retest, Approvals = [.. Approvals.Take(max - owned.Count - retest.Count)] };
    }
}

/// <summary>
/// `mine` and the Slack App Home: one card per recovery listing the person's items, with the same buttons the item
/// and approval cards carry (each labelled with its item, since one card holds several items).
/// </summary>
public static class MineDocs
{
    public static string Nothing(bool across) => across
        ? "Nothing waits for you: you own, retest or approve nothing open in any recovery you are part of."
        : "Nothing waits for you in this recovery: you own, retest or approve nothing open here.";

    public static string Heading(int items, int recoveries) =>
        $"What waits for you: {N(items)} item(s) in {N(recoveries)} recovery(ies).";

    /// <summary>"…and 3 more item(s) and 2 more recovery(ies) not shown here."; null when nothing was cut.</summary>
    public static string? More(int items, int recoveries)
    {
        if (items <= 0 && recoveries <= 0) return null;
        var parts = new List<string>();
        if (items > 0) parts.Add($"{N(items)} more item(s)");
        if (recoveries > 0) parts.Add($"{N(recoveries)} more recovery(ies)");
        return $"…and {string.Join(" and ", parts)} not shown here; `log mine` in a recovery's channel lists all of yours there.";
    }

    public static CardDoc Group(MineGroup group, UserRef person, DateOnly today)
    {
        var r = group.Recovery;
        var sections = new List<Section>();
        var actions = new List<ActionView>();
        if (group.Owned.Count > 0)
        {
            sections.Add(new Section("You own", [.. group.Owned.Select(g => Owned(g, today))]));
            actions.AddRange(group.Owned.SelectMany(g => Labelled(g.Id.ToString(), GapActions.For(r, g, person).Where(a => a.MayPress == Role.Owner))));
        }
        if (group.Retest.Count > 0)
        {
            sections.Add(new Section("Retest in your normal day", [.. group.Retest.Select(g => $"{g.Id} {g.Title} — retest by {Fmt.Date(g.RetestDate)}, fixed by {Fmt.Who(g.Owner)}")]));
            actions.AddRange(group.Retest.SelectMany(g => Labelled(g.Id.ToString(), GapActions.Retest(g))));
        }
        if (group.Approvals.Count > 0)
        {
            sections.Add(new Section("Waiting for your approval", [.. group.Approvals.Select(c => $"{c.Label} {c.Summary} — requested by {c.RequestedBy.Name}")]));
            actions.AddRange(group.Approvals.SelectMany(c => Labelled(c.Label, RecoveryDocs.Decide(c))));
        }
        return new CardDoc
        {
            Title = r.Name,
            Sections = sections,
            Notes = ["`show G-7` opens one item with its history."],
            Actions = actions,
            Summary = $"{r.Name}: {N(group.Count)} item(s) wait for {person.Name}",
        };
    }

    // What the owner waits for; their own next steps are the buttons (Start work, Mark fix ready, Move the date).
    private static string Owned(Gap g, DateOnly today) => g.Status switch
    {
        GapStatus.FixReady => $"{Fmt.Row(g, today)} · waiting for {Fmt.Who(g.Retester)}'s retest",
        _ => Fmt.Row(g, today),
    };

    private static IEnumerable<ActionView> Labelled(string item, IEnumerable<ActionView> actions) =>
        actions.Select(a => a with { Label = $"{item}: {a.Label}" });

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
