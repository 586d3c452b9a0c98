using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>What an approval or a rejection does, and the card that replaces the buttons with the decision.</summary>
internal static class Decisions
{
    public static async Task ApproveAsync(TurnContext ctx, ChangeRequest change, CancellationToken ct)
    {
        var r = ctx.R;
        switch (change.Kind)
        {
            case ChangeKind.ResetPlan:
                ctx.Write(r with { Phase = RecoveryPhase.Recovery, PlanApprovedAt = ctx.Now });
                ctx.Event(null, "phase", r.Phase.Text(), RecoveryPhase.Recovery.Text(), $"{change.Label} approved");
                break;
            case ChangeKind.BucketMove when change.Gap is { } id && change.ToBucket is { } to:
                // The click carried the change request's revision, not the gap's: the gap may have changed since.
                if (await ctx.GapAsync(id, ct, checkRevision: false) is not { } g || !ctx.Check(Lifecycle.CanMoveBucket(g, to))) return;
                ctx.Write(g with { Bucket = to });
                ctx.Event(g.Id, "bucket", g.Bucket.Text(), to.Text(), $"{change.Label} approved");
                break;
            case ChangeKind.ScopeChange when change.Gap is { } id && change.Field is { } field && change.NewText is { } text:
                if (await ctx.GapAsync(id, ct, checkRevision: false) is not { } scoped || !ctx.Check(ScopeHandler.CanChange(scoped))) return;
                ScopeHandler.Apply(ctx, scoped, field, text, $"{change.Label} approved");
                break;
            case ChangeKind.SignOff:
                foreach (var id in change.Gaps)
                {
                    if (await ctx.Store.GetGapAsync(r.Id, id, ct) is not { Status: GapStatus.Verified } item) continue;
                    ctx.Write(item with { Status = GapStatus.Closed, ClosedAt = ctx.Now });
                    ctx.Event(item.Id, "status", item.Status.Text(), GapStatus.Closed.Text(), $"{change.Label} signed off");
                }
                break;
            case ChangeKind.Closure:
                if (!(await GoNoGo.EvaluateAsync(ctx, ct, ignore: change.Number)).Passes)
                {
                    ctx.Refuse($"{change.Label} cannot be approved now: go/no-go no longer passes. Type `gonogo` to see why.");
                    return;
                }
                ctx.Write(r with { Phase = RecoveryPhase.Closed, ClosedAt = ctx.Now });
                ctx.Event(null, "phase", r.Phase.Text(), RecoveryPhase.Closed.Text(), $"{change.Label} approved");
                break;
        }
        Decide(ctx, change, ApprovalState.Approved, null);
        if (change.Kind == ChangeKind.Closure)
        {
            ctx.Say($"Recovery closed. A retrospective drafted from what happened, to edit and paste into the wiki: {ctx.Links.RetroUrl(r)}", Audience.Channel);
        }
    }

    public static void Reject(TurnContext ctx, ChangeRequest change, string reason) =>
        Decide(ctx, change, ApprovalState.Rejected, reason);

    private static void Decide(TurnContext ctx, ChangeRequest change, ApprovalState state, string? reason)
    {
        var decided = change with { State = state, DecidedBy = ctx.Actor, DecidedAt = ctx.Now, Reason = reason };
        ctx.Write(decided);
        ctx.Event(change.Gap, state == ApprovalState.Approved ? "approved" : "rejected", change.Label, null, reason);
        ctx.Say($"{change.Label} {change.Summary} — {RecoveryDocs.Decision(decided, ctx.Zone)}.", Audience.Channel);
        var card = RecoveryDocs.Decided(ctx.R, decided, ctx.Zone);
        if (change.CardMessage is { } message) ctx.Add(new Reply.UpdateCard(message, card));
        foreach (var copy in change.CardCopies) ctx.Add(new Reply.UpdateCard(copy, card));
    }
}
