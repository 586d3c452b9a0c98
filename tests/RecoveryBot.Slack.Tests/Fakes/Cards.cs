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

    /// <summary>Every card kind (<see cref="Testing.DocSamples"/>) with <paramref name="title"/> in it, plus long history and lists.</summary>
    public static IEnumerable<(string Name, CardDoc Card)> All(string title)
    {
        var r = Recovery();
        var gap = Gap(7, title);
        var history = Enumerable.Range(0, 20).Select(i => new HistoryEvent(gap.Id, At, Lena, "status", Long(200), Long(200), Long(900))).ToList();
        foreach (var sample in Testing.DocSamples.All(title)) yield return sample;
        yield return ("detail-long", GapDocs.Detail(r, gap, Today, history, GapActions.Retest(gap)));
        yield return ("approval-long", RecoveryDocs.Approval(r, Change(), [new Section(title, [.. Enumerable.Repeat(title, 40)])], r.Zone));
        yield return ("gonogo-long", RecoveryDocs.GoNoGo(r, false, [.. Enumerable.Repeat(title, 60)]));
        yield return ("checkin-long", CheckinComposer.Compose(r, [.. Enumerable.Range(1, 200).Select(n => Gap(n, title) with { Status = GapStatus.InProgress })], [], At, "https://bot.test/log", late: true));
    }

    public static CardDoc Log(int rows, string? title = null, int page = 2, int pages = 14) =>
        RecoveryDocs.Log(Recovery(), "Open now", Core.Commands.LogFilter.Open, [.. Enumerable.Range(1, rows).Select(i => Gap(i, title))], page, pages, rows * pages, Today);

    public static ImmutableList<T> List<T>(params T[] items) => [.. items];
}
