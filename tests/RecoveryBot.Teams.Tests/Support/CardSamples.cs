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

    public static IEnumerable<(string Name, CardDoc View)> All() => Testing.DocSamples.All();
}
