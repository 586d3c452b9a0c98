using System.Collections.Immutable;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Tests.Support;

/// <summary>One of every card view, filled the way a busy recovery fills them (and some at their limits).</summary>
public static class CardSamples
{
    public static readonly UserRef Lena = new("29:1lena", "Lena Ortiz");
    public static readonly UserRef Dana = new("29:1dana", "Dana Ruiz");
    public static readonly UserRef Ana = new("29:1ana", "Ana Silva");
    public static readonly UserRef Ravi = new("29:1ravi", "Ravi Mehta");
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 11, 30);

    public static Gap Gap(int n, string? title = null, string? longText = null) => new()
    {
        Id = new GapId(n),
        Title = title ?? $"Sales reps cannot send quotes from mobile ({n})",
        Expected = longText ?? "Quote goes out from the phone", Actual = longText ?? "Spinner, then an error",
        Impact = longText ?? "Deals slip", Affected = "Field sales",
        Status = GapStatus.FixReady, Owner = Ana, Due = Today.AddDays(-3), DueSlips = 2, Retester = Ravi, RetestDate = Today.AddDays(1),
        TrainingDate = Today.AddDays(2), TrainingNote = "Mobile quoting, 20 minutes", BrokenNote = longText,
        Reporter = Lena, CreatedAt = Now.AddDays(-5), UpdatedAt = Now, Revision = 4,
    };

    public static ChangeRequest Change(ApprovalState state = ApprovalState.Pending) => new()
    {
        Number = 3, Kind = ChangeKind.ResetPlan, Summary = "Reset plan for \"Quotes rollout\"", RequestedBy = Lena, RequestedAt = Now,
        State = state, DecidedBy = state == ApprovalState.Pending ? null : Dana, DecidedAt = state == ApprovalState.Pending ? null : Now,
        Gaps = ImmutableList<GapId>.Empty, Revision = 1,
    };

    public static IEnumerable<(string Name, CardView View)> All()
    {
        var g = Gap(7);
        yield return ("gap", new GapCard("Quotes rollout", g, Today, [.. GapActions.Retest(g), new(CardVerbs.Begin, "Start work", g.Id, null, 4)], "Reminder: due moved twice"));
        yield return ("gap-detail", new GapDetailCard("Quotes rollout", g, Today,
            [new HistoryEvent(g.Id, Now, Lena, "status", "open", "planned", "assigned"), new HistoryEvent(g.Id, Now.AddHours(-3), Ana, "due", null, "Fri 4 Dec 2026")],
            GapActions.Retest(g)));
        yield return ("retest", new RetestCard("Quotes rollout", g, GapActions.Retest(g), Reminder: true));
        yield return ("log", new LogCard("Quotes rollout", "Open now", LogFilter.Open, [.. Enumerable.Range(1, 15).Select(n => Gap(n))], 2, 3, 40, Today));
        yield return ("log-empty", new LogCard("Quotes rollout", "Overdue", LogFilter.Overdue, [], 1, 1, 0, Today));
        yield return ("ownership", new OwnershipCard("Quotes rollout",
            new OwnershipMessage("Quotes from mobile", "Field sales", "Rolling back the mobile build", "Friday 16:00 here", Lena, Now), Frozen: true));
        yield return ("approval", new ApprovalCard("Quotes rollout", Change(), "reset plan CR-3", ["Recovery scope (2):", "• G-1 …", "Escalation path: …"],
            GapActions.Decide(Change()), null, Dana));
        yield return ("approval-decided", new ApprovalCard("Quotes rollout", Change(ApprovalState.Rejected), "reset plan CR-3", ["Reset plan"], [],
            "Rejected by Dana Ruiz at 09:00: scope too wide", Dana));
        yield return ("gonogo-pass", new GoNoGoCard("Quotes rollout", true, []));
        yield return ("gonogo-fail", new GoNoGoCard("Quotes rollout", false, ["G-1 has no owner", "No next review date"]));
        yield return ("checkin", new CheckinCard("Quotes rollout", "Check-in Fri 4 Dec 2026 — 3 open now, 1 overdue.",
            [new CheckinSection("Overdue", ["G-1 Quotes — Ana Silva, due Tue 1 Dec 2026"], More: 2), new CheckinSection("Awaiting retest", ["G-2 PDF — Ravi Mehta"])],
            "https://bot.test/recoveries/r1/summary#log", Late: true));
    }
}
