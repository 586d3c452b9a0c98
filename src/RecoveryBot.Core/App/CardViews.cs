using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>
/// A card as it should look now: composed again from the stored item, with every role's buttons and their holders
/// (the adapter shows each viewer theirs). Always a card, also for an item or recovery that is gone.
/// </summary>
internal static class CardViews
{
    public static async Task<CardDoc> CurrentAsync(IRecoveryStore store, ChannelKey channel, CardSubject subject, DateTimeOffset now, string? banner, CancellationToken ct)
    {
        var what = subject.Gap?.ToString() ?? (subject.Change is { } n ? $"CR-{n}" : "This item");
        var (_, r) = await ChannelRecoveries.ReadAsync(store, channel, ct);
        if (r is null) return With(RecoveryDocs.Gone(what), banner);
        var today = r.Zone.Today(now);
        if (subject.Kind == CardKind.Change)
        {
            if (subject.Change is not { } number || await store.GetChangeRequestAsync(r.Id, number, ct) is not { } c) return With(RecoveryDocs.Gone(what), banner);
            var doc = c.State == ApprovalState.Pending
                ? RecoveryDocs.Approval(r, c, await DetailsAsync(store, r, c, today, ct), r.Zone)
                : RecoveryDocs.Decided(r, c, r.Zone);
            return With(doc, banner);
        }
        if (subject.Gap is not { } id || await store.GetGapAsync(r.Id, id, ct) is not { } g) return With(RecoveryDocs.Gone(what), banner);
        return subject.Kind switch
        {
            CardKind.Retest => With(GapDocs.Retest(r, g, g.Status == GapStatus.FixReady ? GapActions.Retest(g) : []), banner),
            CardKind.GapDetail => With(GapDocs.Detail(r, g, today, await store.GetHistoryAsync(r.Id, g.Id, GapDocs.MaxHistory, ct), GapActions.For(r, g, null)), banner),
            _ => GapDocs.Row(r, g, today, GapActions.For(r, g, null), banner),
        };
    }

    /// <summary>What the approver reads beside Approve / Reject, from the request as stored (the plan as it stands now).</summary>
    private static async Task<IReadOnlyList<Section>> DetailsAsync(IRecoveryStore store, Recovery r, ChangeRequest c, DateOnly today, CancellationToken ct)
    {
        switch (c.Kind)
        {
            case ChangeKind.ResetPlan:
                return PlanDetails.For(r, await store.ListGapsAsync(r.Id, ct), today);
            case ChangeKind.SignOff:
                return [new Section("Items to sign off", [.. c.Gaps.Select(g => g.ToString())])];
            default:
                if (c.Gap is not { } id || await store.GetGapAsync(r.Id, id, ct) is not { } g) return [];
                return [new Section(null, [$"{g.Id}: {g.Title}", $"Now {g.Status.Text()}, {Fmt.Who(g.Owner)}, {Fmt.Due(g)}"], Bulleted: false)];
        }
    }

    private static CardDoc With(CardDoc doc, string? banner) => banner is null ? doc : doc with { Banner = Banner(banner) };

    private static Banner? Banner(string? text) => text is null ? null : new Banner(text, Tone.Attention);
}
