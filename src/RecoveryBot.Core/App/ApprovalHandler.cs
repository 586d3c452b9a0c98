using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>Everything the approver decides: the reset plan, bucket moves, sign-offs and closure.</summary>
internal static class ApprovalHandler
{
    public static async Task HandleAsync(TurnContext ctx, ChatCommand command, CancellationToken ct)
    {
        var r = ctx.R;
        switch (command)
        {
            case MoveBucketCommand c:
                await ProposeMoveAsync(ctx, c, ct);
                break;
            case PlanCommand when ctx.Check(Guard.Lead(r, ctx.Actor, "propose the reset plan")) && ctx.Check(NeedsApprover(r)):
                await ProposePlanAsync(ctx, ct);
                break;
            case CloseCommand when ctx.Check(Guard.Lead(r, ctx.Actor, "ask for closure")) && ctx.Check(NeedsApprover(r)):
                await ProposeClosureAsync(ctx, ct);
                break;
            case SignOffCommand { Gap: null } when r.Approver.Is(ctx.Actor):
                await SignOffAllAsync(ctx, ct);
                break;
            case SignOffCommand { Gap: null } when ctx.Check(SignOffRoles(r, ctx.Actor)) && ctx.Check(NeedsApprover(r)):
                await ProposeSignOffAsync(ctx, ct);
                break;
            case SignOffCommand { Gap: { } id } when ctx.Check(Guard.Approver(r, ctx.Actor, "sign off items")):
                if (await ctx.GapAsync(id, ct) is { } g && ctx.Check(Lifecycle.CanSignOff(g)))
                {
                    ctx.Write(g with { Status = GapStatus.Closed, ClosedAt = ctx.Now });
                    ctx.Event(g.Id, "status", g.Status.Text(), GapStatus.Closed.Text(), "signed off");
                    ctx.Say($"{g.Id} signed off by {ctx.Actor.Name} and closed: {g.Title}.", Audience.Channel);
                }
                break;
            case ApproveCommand c when ctx.Check(Guard.Approver(r, ctx.Actor, "approve")):
                if (await PendingAsync(ctx, c.Change, ct) is { } approve) await Decisions.ApproveAsync(ctx, approve, ct);
                break;
            case RejectCommand c when ctx.Check(Guard.Approver(r, ctx.Actor, "reject")):
                if (await PendingAsync(ctx, c.Change, ct) is { } reject) Decisions.Reject(ctx, reject, c.Reason);
                break;
        }
    }

    internal static string? NeedsApprover(Recovery r) =>
        r.Approver is null ? "Name the approver first with `approver @user`: only they can decide this." : null;

    private static async Task<ChangeRequest?> PendingAsync(TurnContext ctx, int number, CancellationToken ct)
    {
        if (await ctx.ChangeAsync(number, ct) is not { } change) return null;
        if (change.State == ApprovalState.Pending) return change;
        ctx.Refuse($"{change.Label} was already {change.State.ToString().ToLowerInvariant()} by {Fmt.Who(change.DecidedBy)}" +
                   (change.DecidedAt is { } at ? $" on {Fmt.When(at, ctx.Zone)}." : "."));
        return null;
    }

    private static async Task ProposeMoveAsync(TurnContext ctx, MoveBucketCommand c, CancellationToken ct)
    {
        var r = ctx.R;
        if (await ctx.GapAsync(c.Gap, ct) is not { } g) return;
        if (!ctx.Check(Guard.OwnerOrLead(r, g, ctx.Actor, $"propose moving {g.Id}")) || !ctx.Check(Lifecycle.CanMoveBucket(g, c.To)) || !ctx.Check(NeedsApprover(r))) return;
        var changes = await ctx.Store.ListChangeRequestsAsync(r.Id, ct);
        if (changes.FirstOrDefault(x => x.State == ApprovalState.Pending && x.Gap == g.Id) is { } open)
        {
            ctx.Refuse($"{open.Label} for {g.Id} is already waiting for {r.Approver!.Name}.");
            return;
        }
        var summary = $"Move {g.Id} \"{g.Title}\" from {g.Bucket.Text()} to {c.To.Text()}";
        Post(ctx, n => Request(ctx, n, ChangeKind.BucketMove, summary) with { Gap = g.Id, ToBucket = c.To },
             [new Section(null, [$"{g.Id}: {g.Title}", $"Now {g.Status.Text()}, {Fmt.Who(g.Owner)}, {Fmt.Due(g)}"], Bulleted: false)]);
    }

    private static async Task ProposePlanAsync(TurnContext ctx, CancellationToken ct)
    {
        var r = ctx.R;
        if (r.Phase != RecoveryPhase.Triage) { ctx.Refuse($"The reset plan was already approved{(r.PlanApprovedAt is { } a ? " on " + Fmt.When(a, ctx.Zone) : "")}."); return; }
        var changes = await ctx.Store.ListChangeRequestsAsync(r.Id, ct);
        if (changes.FirstOrDefault(x => x.State == ApprovalState.Pending && x.Kind == ChangeKind.ResetPlan) is { } open)
        {
            ctx.Refuse($"The reset plan ({open.Label}) is already waiting for {r.Approver!.Name}.");
            return;
        }
        var gaps = await ctx.Store.ListGapsAsync(r.Id, ct);
        ctx.Write(r with { PlanProposedAt = r.PlanProposedAt ?? ctx.Now });
        Post(ctx, n => Request(ctx, n, ChangeKind.ResetPlan, $"Reset plan for \"{r.Name}\""), PlanDetails.For(r, gaps, ctx.Today));
    }

    private static async Task ProposeClosureAsync(TurnContext ctx, CancellationToken ct)
    {
        var r = ctx.R;
        var check = await GoNoGo.EvaluateAsync(ctx, ct);
        if (!check.Passes)
        {
            ctx.Refuse($"Not ready to close: {string.Join("; ", check.Blockers.Take(3))}{(check.Blockers.Count > 3 ? $" (+{check.Blockers.Count - 3} more, see `gonogo`)" : "")}.");
            return;
        }
        Post(ctx, n => Request(ctx, n, ChangeKind.Closure, $"Close the recovery \"{r.Name}\""),
             [new Section(null, ["Go/no-go passes: every open item has one owner and one date, every fix is verified, the next review is set.",
              $"Next review: {(r.NextReview is { } nr ? Fmt.When(nr, ctx.Zone) : "none")}", $"A follow-up checkpoint is posted {r.FollowUpDays} days after closure."], Bulleted: false)]);
    }

    private static string? SignOffRoles(Recovery r, UserRef actor) => r.Lead.Is(actor) ? null
        : r.Approver is { } a ? $"Only the approver, {a.Name}, signs off (`signoff` closes every verified item); the lead, {r.Lead.Name}, can post the sign-off card."
        : Guard.Lead(r, actor, "post the sign-off card");

    /// <summary>The approver's own batch sign-off: every verified item closes at once.</summary>
    private static async Task SignOffAllAsync(TurnContext ctx, CancellationToken ct)
    {
        var verified = (await ctx.Store.ListGapsAsync(ctx.R.Id, ct)).Where(g => g.Status == GapStatus.Verified).ToList();
        if (verified.Count == 0) { ctx.Refuse("Nothing is verified and waiting for sign-off."); return; }
        foreach (var g in verified)
        {
            ctx.Write(g with { Status = GapStatus.Closed, ClosedAt = ctx.Now });
            ctx.Event(g.Id, "status", g.Status.Text(), GapStatus.Closed.Text(), "signed off");
        }
        ctx.Say($"{ctx.Actor.Name} signed off {verified.Count} verified item(s) and closed them: {string.Join(", ", verified.Select(g => g.Id))}.", Audience.Channel);
    }

    private static async Task ProposeSignOffAsync(TurnContext ctx, CancellationToken ct)
    {
        var verified = (await ctx.Store.ListGapsAsync(ctx.R.Id, ct)).Where(g => g.Status == GapStatus.Verified).Take(40).ToList();
        if (verified.Count == 0) { ctx.Refuse("Nothing is verified and waiting for sign-off."); return; }
        Post(ctx, n => Request(ctx, n, ChangeKind.SignOff, $"Sign off {verified.Count} verified item(s)") with { Gaps = [.. verified.Select(g => g.Id)] },
             [new Section("Verified by their retesters", [.. verified.Select(g => $"{g.Id} {g.Title} — verified by {Fmt.Who(g.VerifiedBy)}")])]);
    }

    internal static ChangeRequest Request(TurnContext ctx, int number, ChangeKind kind, string summary) => new()
    {
        Number = number, Kind = kind, Summary = summary, RequestedBy = ctx.Actor, RequestedAt = ctx.Now,
    };

    internal static void Post(TurnContext ctx, Func<int, ChangeRequest> create, IReadOnlyList<Section> details)
    {
        var change = ctx.NewChange(create);
        ctx.Event(change.Gap, "requested", to: change.Label, note: change.Summary);
        ctx.Say($"{change.Label}: {change.Summary} — waiting for {Fmt.At(ctx.R.Approver)}.", Audience.Channel);
        var card = RecoveryDocs.Approval(ctx.R, change, details, ctx.Zone);
        ctx.Show(card);
        // The approver's own copy in their direct messages: the decision can be made there, and every copy updates.
        if (ctx.R.Approver is { } approver && !approver.Is(ctx.Actor))
        {
            ctx.Add(new Reply.Direct(approver, new Reply.Card(card with
            {
                Banner = new Banner($"{ctx.Actor.Name} asks for your decision on {change.Label} in \"{ctx.R.Name}\" (also posted in its channel)."),
            }), null));
        }
    }
}
