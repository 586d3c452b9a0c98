using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>Read-mostly commands: the log, one item, the check-in, the summary link, go/no-go.</summary>
internal static class ViewHandler
{
    private const int MaxHistory = GapDocs.MaxHistory;

    /// <summary>
    /// A gap's newest history: its stored events, then — once the list reaches back to the start — the report
    /// that opened it, which the gap row itself records (a report writes no history row).
    /// </summary>
    internal static IReadOnlyList<HistoryEvent> History(Gap g, IReadOnlyList<HistoryEvent> stored)
    {
        if (stored.Count >= MaxHistory || stored.Any(e => e.What == "reported")) return stored;
        return [.. stored, new HistoryEvent(g.Id, g.CreatedAt, g.Reporter, "reported", To: g.Title, Note: g.Kind.Text())];
    }

    public static async Task HandleAsync(TurnContext ctx, ChatCommand command, CancellationToken ct)
    {
        var r = ctx.R;
        switch (command)
        {
            case LogCommand c:
                ctx.Show(Log(r, await ctx.Store.ListGapsAsync(r.Id, ct), c, ctx.Actor, ctx.Today), Audience.Actor);
                break;
            case ShowCommand c:
                if (await ctx.GapAsync(c.Gap, ct) is not { } g) return;
                var history = History(g, await ctx.Store.GetHistoryAsync(r.Id, g.Id, MaxHistory, ct));
                ctx.Show(GapDocs.Detail(r, g, ctx.Today, history, GapActions.For(r, g, ctx.Actor)), Audience.Actor);
                break;
            case ShowChangeCommand c:
                if (await ctx.ChangeAsync(c.Change, ct) is null) return;
                // A copy: the decision still replaces the card first posted for it, which stays the one remembered.
                var card = await CardViews.CurrentAsync(ctx.Store, ctx.Turn.Channel, new CardSubject(CardKind.Change, null, c.Change, 0), ctx.Now, null, ct);
                ctx.Show(card with { AwaitsDecisionOf = null, AwaitsVerdictOf = null }, Audience.Actor);
                break;
            case CheckinCommand c:
                if (!c.Preview && !ctx.Check(Guard.Lead(r, ctx.Actor, "post the check-in now (anyone can `checkin preview`)"))) return;
                var gaps = await ctx.Store.ListGapsAsync(r.Id, ct);
                var changes = await ctx.Store.ListChangeRequestsAsync(r.Id, ct);
                var events = await ctx.Store.ListHistoryAsync(r.Id, ct);
                ctx.Show(CheckinComposer.Compose(r, gaps, changes, ctx.Now, ctx.Links.LogUrl(r), history: events), c.Preview ? Audience.Actor : Audience.Channel);
                break;
            case SummaryCommand { Rotate: true } when ctx.Check(Guard.Lead(r, ctx.Actor, "rotate the summary link")):
                var rotated = r with { LinkGeneration = r.LinkGeneration + 1 };
                ctx.Write(rotated);
                ctx.Event(null, "summary link rotated");
                ctx.Say($"Old summary links no longer work. The new one: {ctx.Links.SummaryUrl(rotated)}");
                break;
            case SummaryCommand { Rotate: false }:
                ctx.Say($"One-page summary of \"{r.Name}\": {ctx.Links.SummaryUrl(r)}");
                break;
            case RetroCommand when ctx.Check(Guard.Lead(r, ctx.Actor, "draft the retrospective")):
                ctx.Say($"Drafted retrospective of \"{r.Name}\" (Markdown, from the lessons, slips, broken retests, milestones and timeline): {ctx.Links.RetroUrl(r)}", Audience.Actor);
                break;
            case GoNoGoCommand:
                var verdict = await GoNoGo.EvaluateAsync(ctx, ct);
                ctx.Show(RecoveryDocs.GoNoGo(r, verdict.Passes, verdict.Blockers), Audience.Actor);
                break;
        }
    }

    public static CardDoc Log(Recovery r, IReadOnlyList<Gap> gaps, LogCommand c, UserRef viewer, DateOnly today)
    {
        IEnumerable<Gap> rows = c.Filter switch
        {
            LogFilter.Open => gaps.Where(g => g.Bucket == Bucket.Now && g.Status.IsActive()),
            LogFilter.Mine => gaps.Where(g => g.Status.IsActive() && (g.Owner.Is(viewer) || g.Retester.Is(viewer))),
            LogFilter.Overdue => gaps.Where(g => g.IsOverdue(today)),
            LogFilter.Later => gaps.Where(g => g.Bucket == Bucket.Later && g.Status.IsActive()),
            _ => gaps,
        };
        // Newest risk first: overdue, then most slipped, then soonest due, then newest reported.
        var ordered = rows.OrderByDescending(g => g.IsOverdue(today)).ThenByDescending(g => g.DueSlips)
            .ThenBy(g => g.Due ?? DateOnly.MaxValue).ThenByDescending(g => g.Id.Number).ToList();
        var pages = Math.Max(1, (ordered.Count + RecoveryDocs.LogPageSize - 1) / RecoveryDocs.LogPageSize);
        var page = Math.Clamp(c.Page, 1, pages);
        var title = c.Filter switch
        {
            LogFilter.Open => "Open now", LogFilter.Mine => "Mine", LogFilter.Overdue => "Overdue",
            LogFilter.Later => "Later", _ => "All items",
        };
        return RecoveryDocs.Log(r, title, c.Filter, [.. ordered.Skip((page - 1) * RecoveryDocs.LogPageSize).Take(RecoveryDocs.LogPageSize)], page, pages, ordered.Count, today);
    }
}
