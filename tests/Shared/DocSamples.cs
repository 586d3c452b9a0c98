using System.Collections.Immutable;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Testing;

/// <summary>
/// One document of every card kind, composed by Core's own composers the way a busy recovery fills them. Both
/// renderers' tests render these same documents (golden files per platform, and the contract that each shows the
/// document's facts, labels, buttons and limits).
/// </summary>
public static class DocSamples
{
    public static readonly UserRef Lena = new("U0LEAD", "Lena Ortiz");
    public static readonly UserRef Dana = new("U0CLIENT", "Dana Ruiz");
    public static readonly UserRef Ana = new("U0ANA", "Ana Silva");
    public static readonly UserRef Ravi = new("U0RAVI", "Ravi Mehta");
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 11, 30);

    /// <summary>A title that is all markup on both platforms; it must show exactly as typed.</summary>
    public const string MarkupTitle = "<b>bold</b> *x* _y_ `z` <https://a.example|b> <!channel> &amp; & [l](http://c.example) # no";

    public static Recovery Recovery(string name = "Quotes rollout") => new()
    {
        Id = new RecoveryId("r000000000000000000000001"), Channel = new("slack", "T0RECOV", "C0PILOT"), Name = name,
        TimeZone = "Europe/Berlin", Lead = Lena, Approver = Dana, StartedAt = Now.AddDays(-9),
    };

    public static Gap Gap(int n, string? title = null, string? longText = null) => new()
    {
        Id = new GapId(n),
        Title = title ?? $"Sales reps cannot send quotes from mobile ({n})",
        Expected = longText ?? "Quote goes out from the phone", Actual = longText ?? "Spinner, then an error",
        Impact = longText ?? "Deals slip", Affected = "Field sales",
        Status = GapStatus.FixReady, Owner = Ana, Due = Today.AddDays(-3), DueSlips = 2, Retester = Ravi, RetestDate = Today.AddDays(1),
        TrainingDate = Today.AddDays(2), TrainingNote = "Mobile quoting, 20 minutes", BrokenNote = longText,
        SourceLink = "https://recovery-pilot.slack.com/archives/C0PILOT/p1795522100000300",
        Reporter = Lena, CreatedAt = Now.AddDays(-5), UpdatedAt = Now, Revision = 4,
    };

    public static ChangeRequest Change(ApprovalState state = ApprovalState.Pending, string? reason = null) => new()
    {
        Number = 3, Kind = ChangeKind.ResetPlan, Summary = "Reset plan for \"Quotes rollout\"", RequestedBy = Lena, RequestedAt = Now,
        State = state, DecidedBy = state == ApprovalState.Pending ? null : Dana, DecidedAt = state == ApprovalState.Pending ? null : Now,
        Reason = reason, Gaps = ImmutableList<GapId>.Empty, Revision = 1,
    };

    public static IEnumerable<(string Name, CardDoc Doc)> All(string? title = null)
    {
        var r = Recovery();
        var g = Gap(7, title);
        var planned = g with { Status = GapStatus.Planned, Id = new GapId(8) };
        var gaps = Enumerable.Range(1, 18).Select(n => Gap(n, title) with { Status = GapStatus.InProgress }).ToList();
        yield return ("gap", GapDocs.Row(r, g, Today, GapActions.For(r, g, null), "Reminder: due moved twice"));
        yield return ("gap-planned", GapDocs.Row(r, planned, Today, GapActions.For(r, planned, null)));
        yield return ("gap-detail", GapDocs.Detail(r, g, Today,
            [new HistoryEvent(g.Id, Now, Lena, "status", "open", "planned", "assigned"), new HistoryEvent(g.Id, Now.AddHours(-3), Ana, "due", null, "Fri 4 Dec 2026")],
            GapActions.Retest(g)));
        yield return ("retest", GapDocs.Retest(r, g, GapActions.Retest(g)));
        yield return ("retest-reminder-late", GapDocs.Retest(r, g, GapActions.Retest(g), reminder: true, late: true));
        yield return ("log", RecoveryDocs.Log(r, "Open now", LogFilter.Open, [.. gaps.Take(RecoveryDocs.LogPageSize)], 2, 3, 40, Today));
        yield return ("log-empty", RecoveryDocs.Log(r, "Overdue", LogFilter.Overdue, [], 1, 1, 0, Today));
        yield return ("ownership", RecoveryDocs.Ownership(r, new OwnershipMessage(title ?? "Quotes from mobile", "Field sales", "Rolling back the mobile build", "Friday 16:00 here", Lena, Now)));
        yield return ("approval", RecoveryDocs.Approval(r, Change(), PlanDetails.For(r, gaps, Today), r.Zone));
        yield return ("approval-approved", RecoveryDocs.Decided(r, Change(ApprovalState.Approved), r.Zone));
        yield return ("approval-rejected", RecoveryDocs.Decided(r, Change(ApprovalState.Rejected, "scope too wide"), r.Zone));
        yield return ("gonogo-pass", RecoveryDocs.GoNoGo(r, true, []));
        yield return ("gonogo-fail", RecoveryDocs.GoNoGo(r, false, ["G-1 has no owner", "no next review date is set (`review <date>`)"]));
        yield return ("checkin", CheckinComposer.Compose(r, gaps, [Change()], Now, "https://bot.test/recoveries/r1/summary#log", late: true));
        // Dana's own list: an item she owns (planned), one she retests, and the plan waiting for her approval.
        var hers = planned with { Owner = Dana };
        var toRetest = Gap(9, title) with { Retester = Dana };
        yield return ("mine", MineDocs.Group(new MineGroup(r, [hers], [toRetest], [Change()]), Dana, Today));
        yield return ("form-gap", FormDocs.Gap(title));
        yield return ("form-ownership", FormDocs.Ownership());
        // The owner's overdue nudge (by direct message) and the two forms its buttons open.
        var late = g with { Status = GapStatus.InProgress, Retester = null, RetestDate = null };
        yield return ("overdue", GapDocs.Overdue(r, late, Today, GapActions.OwnerForms(late)));
        yield return ("form-ready", FormDocs.Ready(r, late));
        yield return ("form-due", FormDocs.MoveDue(r, late));
    }
}
