using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>
/// `scope G-7 title|expected|actual|impact &lt;text&gt;`. Before the reset plan is approved (and for items in
/// later, which are outside the agreed scope) the edit lands at once, with history. Once the plan is approved,
/// changing an item in now is a change request the approver decides.
/// </summary>
internal static class ScopeHandler
{
    public static async Task HandleAsync(TurnContext ctx, ScopeCommand c, CancellationToken ct)
    {
        var r = ctx.R;
        if (await ctx.GapAsync(c.Gap, ct) is not { } g) return;
        if (!ctx.Check(Guard.OwnerOrLead(r, g, ctx.Actor, $"change the scope of {g.Id}")) || !ctx.Check(CanChange(g))) return;
        if (Value(g, c.Field) == c.Text) { ctx.Say($"The {c.Field.Text()} of {g.Id} already says that; nothing changed."); return; }
        if (r.Phase == RecoveryPhase.Triage || g.Bucket == Bucket.Later)
        {
            Apply(ctx, g, c.Field, c.Text, note: null);
            ctx.Say($"{g.Id} {c.Field.Text()} is now: {c.Text} (changed by {ctx.Actor.Name}; `show {g.Id}` has the history).", Audience.Channel);
            return;
        }
        if (!ctx.Check(ApprovalHandler.NeedsApprover(r))) return;
        var changes = await ctx.Store.ListChangeRequestsAsync(r.Id, ct);
        if (changes.FirstOrDefault(x => x.State == ApprovalState.Pending && x.Gap == g.Id) is { } open)
        {
            ctx.Refuse($"{open.Label} for {g.Id} is already waiting for {r.Approver!.Name}; one change to an item at a time.");
            return;
        }
        var summary = $"Change the {c.Field.Text()} of {g.Id} \"{g.Title}\"";
        ApprovalHandler.Post(ctx, n => ApprovalHandler.Request(ctx, n, ChangeKind.ScopeChange, summary) with { Gap = g.Id, Field = c.Field, NewText = c.Text },
            [new Section(null, [$"{g.Id}: {g.Title}", $"Now: {Value(g, c.Field) ?? "(empty)"}", $"Proposed: {c.Text}"], Bulleted: false)]);
    }

    /// <summary>The approved change lands; the request's label goes into the item's history.</summary>
    public static void Apply(TurnContext ctx, Gap g, ScopeField field, string text, string? note)
    {
        ctx.Write(field switch
        {
            ScopeField.Title => g with { Title = text },
            ScopeField.Expected => g with { Expected = text },
            ScopeField.Actual => g with { Actual = text },
            _ => g with { Impact = text },
        });
        ctx.Event(g.Id, field.Text(), Value(g, field), text, note);
    }

    public static string? CanChange(Gap g) => g.Status.IsActive() ? null
        : $"{g.Id} is {g.Status.Text()}; only open, planned, in-progress or fix-ready items change scope.";

    private static string? Value(Gap g, ScopeField field) => field switch
    {
        ScopeField.Title => g.Title,
        ScopeField.Expected => g.Expected,
        ScopeField.Actual => g.Actual,
        _ => g.Impact,
    };
}
