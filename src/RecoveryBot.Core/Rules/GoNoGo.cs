using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Rules;

/// <summary>The closure check: what still blocks closing the recovery.</summary>
public static class GoNoGo
{
    public sealed record Verdict(bool Passes, IReadOnlyList<string> Blockers);

    public static Verdict Evaluate(Recovery r, IReadOnlyList<Gap> gaps, IReadOnlyList<ChangeRequest> changes, DateTimeOffset now, int? ignore = null)
    {
        var blockers = new List<string>();
        foreach (var g in gaps.Where(g => g.Bucket == Bucket.Now && g.Status.IsActive()))
        {
            if (g.Owner is null && g.Due is null) blockers.Add($"{g.Id} has no owner and no due date");
            else if (g.Owner is null) blockers.Add($"{g.Id} has no owner");
            else if (g.Due is null) blockers.Add($"{g.Id} has no due date");
        }
        foreach (var g in gaps.Where(g => g.Status == GapStatus.FixReady))
        {
            blockers.Add($"{g.Id} is not yet verified by its retester, {g.Retester?.Name ?? "nobody"}");
        }
        if (r.NextReview is null || r.NextReview < now) blockers.Add("no next review date is set (`review <date>`)");
        foreach (var c in changes.Where(c => c.State == ApprovalState.Pending && c.Number != ignore))
        {
            blockers.Add($"{c.Label} ({c.Summary}) is waiting for a decision");
        }
        if (r.Lessons.Count == 0) blockers.Add("no lesson is recorded (`lesson <what failed the first time>`)");
        return new Verdict(blockers.Count == 0, blockers);
    }

    internal static async Task<Verdict> EvaluateAsync(TurnContext ctx, CancellationToken ct, int? ignore = null)
    {
        var gaps = await ctx.Store.ListGapsAsync(ctx.R.Id, ct);
        var changes = await ctx.Store.ListChangeRequestsAsync(ctx.R.Id, ct);
        return Evaluate(ctx.R, gaps, changes, ctx.Now, ignore);
    }
}
