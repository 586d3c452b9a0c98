using System.Collections.Immutable;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Slack.Tests.Fakes;

/// <summary>Core views for renderer tests, from ordinary to absurdly long.</summary>
public static class Cards
{
    public static readonly UserRef Lena = new("U0LEAD", "Lena Ortiz");
    public static readonly UserRef Dana = new("U0CLIENT", "Dana Ruiz");
    public static readonly UserRef Ana = new("U0ANA", "Ana Silva");
    public static readonly DateOnly Today = new(2026, 12, 1);
    public static readonly DateTimeOffset At = new(2026, 12, 1, 13, 2, 0, TimeSpan.Zero);

    public static Gap Gap(int n, string? title = null) => new()
    {
        Id = new GapId(n), Title = title ?? $"Sales reps cannot send quotes from mobile ({n})", Reporter = Lena, CreatedAt = At, UpdatedAt = At,
        Status = GapStatus.FixReady, Owner = Ana, Due = Today.AddDays(-3), DueSlips = 2, Retester = Dana, RetestDate = Today,
        Expected = "Quote is sent", Actual = "Spinner forever", Impact = "Deals slip", Affected = "Field sales",
        SourceLink = "https://recovery-pilot.slack.com/archives/C0PILOT/p1795522100000300", Revision = 4,
    };

    public static Recovery Recovery() => new() { Id = new RecoveryId("r000000000000000000000000"), Channel = new("slack", "T0RECOV", "C0PILOT"), Name = "Pilot", Lead = Lena, Approver = Dana, StartedAt = At };

    public static ChangeRequest Change(ApprovalState state = ApprovalState.Pending) => new()
    {
        Number = 3, Kind = ChangeKind.ResetPlan, Summary = "Reset plan for \"Pilot\"", RequestedBy = Lena, RequestedAt = At, State = state, Revision = 1,
    };

    public static string Long(int n) => string.Concat(Enumerable.Repeat("Very long words <and> & stuff ", n / 30 + 1))[..n];

    public static IEnumerable<(string Name, CardView Card)> All(string title)
    {
        var gap = Gap(7, title);
        var history = Enumerable.Range(0, 20).Select(i => new HistoryEvent(gap.Id, At, Lena, "status", Long(200), Long(200), Long(900))).ToList();
        yield return ("gap", new GapCard("Pilot", gap, Today, GapActions.Retest(gap), Banner: title));
        yield return ("detail", new GapDetailCard("Pilot", gap, Today, history, GapActions.Retest(gap)));
        yield return ("retest", new RetestCard("Pilot", gap, GapActions.Retest(gap), Reminder: true));
        yield return ("log", Log(15, title));
        yield return ("ownership", new OwnershipCard("Pilot", new OwnershipMessage(title, title, title, title, Lena, At), Frozen: true));
        yield return ("approval", new ApprovalCard("Pilot", Change(), "Reset plan CR-3", [.. Enumerable.Repeat(title, 40)], GapActions.Decide(Change()), null, Dana));
        yield return ("decided", new ApprovalCard("Pilot", Change(ApprovalState.Approved), "Reset plan CR-3", [title], [], "Approved by Dana Ruiz at 14:02", Dana));
        yield return ("gonogo", new GoNoGoCard("Pilot", false, [.. Enumerable.Repeat(title, 60)]));
        yield return ("checkin", new CheckinCard("Pilot", title, [.. Enumerable.Range(0, 12).Select(i => new CheckinSection(title, [.. Enumerable.Repeat(title, 30)], 5))], "https://bot.test/log", Late: true));
    }

    public static LogCard Log(int rows, string? title = null, int page = 2, int pages = 14) =>
        new("Pilot", "Open now", Core.Commands.LogFilter.Open, [.. Enumerable.Range(1, rows).Select(i => Gap(i, title))], page, pages, rows * pages, Today);

    public static ImmutableList<T> List<T>(params T[] items) => [.. items];
}
