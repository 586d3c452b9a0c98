using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>Reporting gaps and moving them through the lifecycle.</summary>
internal static class GapHandler
{
    public static Task ReportAsync(TurnContext ctx, ReportCommand c)
    {
        var r = ctx.R;
        if (c.Title is null) { ctx.Add(new Reply.Form(FormDocs.Gap())); return Task.CompletedTask; }
        if (r.Phase == RecoveryPhase.Closed) { FollowUp(ctx, r, c); return Task.CompletedTask; }
        var bucket = c.Kind == GapKind.Request && r.Frozen ? Bucket.Later : Bucket.Now;
        var gap = ctx.NewGap(id => new Gap
        {
            Id = id, Title = c.Title, Kind = c.Kind, Bucket = bucket, Reporter = ctx.Actor, CreatedAt = ctx.Now, UpdatedAt = ctx.Now,
            Expected = c.Details?.Expected, Actual = c.Details?.Actual, Impact = c.Details?.Impact, Affected = c.Details?.Affected,
            SourceLink = c.SourceLink, Origin = ctx.Turn.Origin,
        });
        // No history row: the gap row records who reported what and when (see ViewHandler.History), so a report is one insert.
        foreach (var reply in Announcement(r, gap, ctx.Today)) ctx.Add(reply);
        ctx.Announces = gap.Id;
        return Task.CompletedTask;
    }

    /// <summary>
    /// What the channel is told of a new item: the line and its card. Derived from the item alone, so a host that sends
    /// the announcement after a hand-over can derive it again from the stored row (<see cref="TurnPosts.Announces"/>).
    /// </summary>
    public static IReadOnlyList<Reply> Announcement(Recovery r, Gap gap, DateOnly today)
    {
        var frozen = gap.Bucket == Bucket.Later ? " New requests are frozen, so it goes to the later list." : "";
        return [
            new Reply.Text($"{gap.Id} logged by {gap.Reporter.Name}: {gap.Title}.{frozen}", Audience.Channel),
            new Reply.Card(GapDocs.Row(r, gap, today, GapActions.For(r, gap, null)), Audience.Channel),
        ];
    }

    /// <summary>
    /// After closure a report is a follow-up item of the closed recovery: logged and shown to the lead and approver,
    /// not worked on here (the recovery is closed); a new recovery (`start`) takes up what needs work.
    /// </summary>
    private static void FollowUp(TurnContext ctx, Recovery r, ReportCommand c)
    {
        var gap = ctx.NewGap(id => new Gap
        {
            Id = id, Title = c.Title!, Kind = c.Kind, Reporter = ctx.Actor, CreatedAt = ctx.Now, UpdatedAt = ctx.Now,
            Expected = c.Details?.Expected, Actual = c.Details?.Actual, Impact = c.Details?.Impact, Affected = c.Details?.Affected,
            SourceLink = c.SourceLink, Origin = ctx.Turn.Origin,
        });
        var who = r.Approver is { } a ? $"{r.Lead.Name} (lead) and {a.Name} (approver)" : $"{r.Lead.Name} (lead)";
        ctx.Say($"{gap.Id} logged by {ctx.Actor.Name} as a follow-up item of the closed recovery \"{r.Name}\": {gap.Title}. " +
                $"{who}: this still hurts after closure. To work on it, start the next recovery here with `start <name>`.", Audience.Channel);
    }

    public static async Task HandleAsync(TurnContext ctx, ChatCommand command, CancellationToken ct)
    {
        var r = ctx.R;
        var id = command switch
        {
            AssignCommand c => c.Gap, BeginCommand c => c.Gap, ReadyCommand c => c.Gap, TrainedCommand c => c.Gap,
            WorksCommand c => c.Gap, BrokenCommand c => c.Gap, MoveDueCommand c => c.Gap, DeclineCommand c => c.Gap, ItemFormCommand c => c.Gap,
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
        if (await ctx.GapAsync(id, ct) is not { } g) return;
        switch (command)
        {
            case AssignCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "assign owners and dates")) && ctx.Check(Lifecycle.InNow(r, g)) && ctx.Check(Lifecycle.CanAssign(g)):
                Assign(ctx, g, c);
                break;
            case BeginCommand when ctx.Check(Guard.Owner(g, ctx.Actor, $"start work on {g.Id}")) && ctx.Check(Lifecycle.InNow(r, g)) && ctx.Check(Lifecycle.CanBegin(g)):
                ctx.Write(g with { Status = GapStatus.InProgress });
                ctx.Event(g.Id, "status", g.Status.Text(), GapStatus.InProgress.Text());
                ctx.Say($"{g.Id} is in progress ({g.Owner!.Name}, {Fmt.Due(g)}).", Audience.Channel);
                break;
            case ReadyCommand c when ctx.Check(Guard.Owner(g, ctx.Actor, $"mark {g.Id} ready")) && ctx.Check(Lifecycle.InNow(r, g)) && ctx.Check(Lifecycle.CanReady(g)):
                Ready(ctx, g, c);
                break;
            // A form opens only where its command would run: the same role and state checks, before anything is typed.
            case ItemFormCommand { Form: ItemForm.Ready } when ctx.Check(Guard.Owner(g, ctx.Actor, $"mark {g.Id} ready")) && ctx.Check(Lifecycle.InNow(r, g)) && ctx.Check(Lifecycle.CanReady(g)):
                ctx.Add(new Reply.Form(FormDocs.Ready(r, g)));
                break;
            case ItemFormCommand { Form: ItemForm.MoveDue } when ctx.Check(Guard.OwnerOrLead(r, g, ctx.Actor, $"move the due date of {g.Id}")) && ctx.Check(Lifecycle.CanMoveDue(g)):
                ctx.Add(new Reply.Form(FormDocs.MoveDue(r, g)));
                break;
            case TrainedCommand c when ctx.Check(Guard.OwnerOrLead(r, g, ctx.Actor, "record the training")):
                if (g.TrainedAt is not null) { ctx.Say($"The training for {g.Id} was already recorded."); break; }
                ctx.Write(g with { TrainedAt = ctx.Now, TrainingNote = c.Note ?? g.TrainingNote, TrainingDate = g.TrainingDate ?? ctx.Today });
                ctx.Event(g.Id, "trained", note: c.Note);
                ctx.Say($"Training done for {g.Id}: {g.Title}{(c.Note is null ? "" : $" — {c.Note}")}.", Audience.Channel);
                break;
            case WorksCommand when ctx.Check(Lifecycle.CanVerdict(g)) && ctx.Check(Guard.Retester(g, ctx.Actor, $"confirm {g.Id} works")):
                var verified = g with { Status = GapStatus.Verified, VerifiedBy = ctx.Actor, VerifiedAt = ctx.Now, CardCopies = [] };
                ctx.Write(verified);
                ctx.Event(g.Id, "status", g.Status.Text(), GapStatus.Verified.Text(), "works in my normal day");
                ctx.Say($"{g.Id} verified by {ctx.Actor.Name}: {g.Title} works again in a normal day. It waits for the approver's sign-off.", Audience.Channel);
                Answered(ctx, g, verified);
                break;
            case BrokenCommand c when ctx.Check(Lifecycle.CanVerdict(g)) && ctx.Check(Guard.Retester(g, ctx.Actor, $"report {g.Id} still broken")):
                var broken = g with { Status = GapStatus.InProgress, BrokenNote = c.Note, CardCopies = [] };
                ctx.Write(broken);
                ctx.Event(g.Id, "status", g.Status.Text(), GapStatus.InProgress.Text(), c.Note);
                ctx.Say($"{g.Id} is still broken for {ctx.Actor.Name}: \"{c.Note}\". Back to in progress — {Fmt.At(g.Owner)}, over to you.", Audience.Channel);
                if (g.Owner is { } owner && !owner.Is(ctx.Actor))
                {
                    ctx.Add(new Reply.Direct(owner, new Reply.Text(
                        $"{ctx.Actor.Name} retested {g.Id} \"{g.Title}\" ({ctx.R.Name}): still broken — \"{c.Note}\". It is back in progress with you; " +
                        $"when the next fix is in, mark it with `ready {g.Id} retest @{ctx.Actor.Name} <date>`.", Audience.Channel), null));
                }
                Answered(ctx, g, broken);
                break;
            case MoveDueCommand c when ctx.Check(Guard.OwnerOrLead(r, g, ctx.Actor, $"move the due date of {g.Id}")) && ctx.Check(Lifecycle.CanMoveDue(g)):
                MoveDue(ctx, g, c);
                break;
            case DeclineCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "decline items")) && ctx.Check(Lifecycle.CanDecline(g)):
                ctx.Write(g with { Status = GapStatus.Declined, DeclineReason = c.Reason });
                ctx.Event(g.Id, "status", g.Status.Text(), GapStatus.Declined.Text(), c.Reason);
                ctx.Say($"{g.Id} declined by {ctx.Actor.Name}: {c.Reason}", Audience.Channel);
                break;
        }
    }

    /// <summary>Every message that shows the item's retest card now says who answered and how, without buttons.</summary>
    private static void Answered(TurnContext ctx, Gap before, Gap after)
    {
        if (before.CardCopies.IsEmpty) return;
        var card = GapDocs.Retest(ctx.R, after with { Revision = before.Revision + 1, UpdatedAt = ctx.Now }, []);
        foreach (var copy in before.CardCopies) ctx.Add(new Reply.UpdateCard(copy, card));
    }

    private static void Assign(TurnContext ctx, Gap g, AssignCommand c)
    {
        var due = ctx.Resolve(c.Due);
        if (due < ctx.Today) { ctx.Refuse($"{Fmt.Date(due)} is in the past; give {g.Id} a due date from today on."); return; }
        if (g.Due is { } current && current != due)
        {
            ctx.Refuse($"{g.Id} is already due {Fmt.Date(current)}. Moving a date needs a reason: `due {g.Id} {due:yyyy-MM-dd} because <reason>`.");
            return;
        }
        if (g.Retester.Is(c.Owner)) { ctx.Refuse($"{c.Owner.Name} retests {g.Id}, so they cannot own it too."); return; }
        var status = g.Status == GapStatus.Open ? GapStatus.Planned : g.Status;
        ctx.Write(g with { Owner = c.Owner, Due = due, Status = status });
        if (!c.Owner.Is(g.Owner)) ctx.Event(g.Id, "owner", g.Owner?.Name, c.Owner.Name);
        if (g.Due != due) ctx.Event(g.Id, "due", null, Fmt.Date(due));
        if (status != g.Status) ctx.Event(g.Id, "status", g.Status.Text(), status.Text());
        ctx.Say($"{g.Id} → {c.Owner.Name}, due {Fmt.Date(due)}. One owner, one date.", Audience.Channel);
    }

    private static void Ready(TurnContext ctx, Gap g, ReadyCommand c)
    {
        if (c.Retester.Is(g.Owner)) { ctx.Refuse($"The retester must be a real user other than the owner; {g.Owner!.Name} owns {g.Id}."); return; }
        var retest = ctx.Resolve(c.RetestDate);
        if (retest < ctx.Today) { ctx.Refuse($"{Fmt.Date(retest)} is in the past; pick a retest date from today on."); return; }
        DateOnly? training = c.Training is null ? null : ctx.Resolve(c.Training);
        if (training < ctx.Today) { ctx.Refuse($"{Fmt.Date(training.Value)} is in the past; pick a training date from today on."); return; }
        ctx.Write(g with
        {
            Status = GapStatus.FixReady, Retester = c.Retester, RetestDate = retest, FixReadyAt = ctx.Now,
            TrainingDate = training ?? g.TrainingDate, TrainingNote = c.TrainingNote ?? g.TrainingNote, CardCopies = [],
        });
        ctx.Event(g.Id, "status", g.Status.Text(), GapStatus.FixReady.Text());
        ctx.Event(g.Id, "retester", g.Retester?.Name, c.Retester.Name, $"retest {Fmt.Date(retest)}");
        if (training is { } t) ctx.Event(g.Id, "training", g.TrainingDate is { } old ? Fmt.Date(old) : null, Fmt.Date(t), c.TrainingNote);
        ctx.Say($"{g.Id} fix ready. {Fmt.At(c.Retester)} retests it on {Fmt.Date(retest)}" +
                (training is { } td ? $"; training {Fmt.Date(td)}." : "."), Audience.Channel);
        var updated = g with { Status = GapStatus.FixReady, Retester = c.Retester, RetestDate = retest, Revision = g.Revision + 1, CardCopies = [] };
        var card = GapDocs.Retest(ctx.R, updated, GapActions.Retest(updated));
        ctx.Show(card);
        // The retester's own copy, in their direct messages, with the buttons to answer from there.
        if (!c.Retester.Is(ctx.Actor))
        {
            ctx.Add(new Reply.Direct(c.Retester, new Reply.Card(card with
            {
                Banner = new Banner($"{ctx.Actor.Name} marked the fix for {g.Id} ready: please retest it by {Fmt.Date(retest)} in your normal day."),
            }), null));
        }
    }

    private static void MoveDue(TurnContext ctx, Gap g, MoveDueCommand c)
    {
        var due = ctx.Resolve(c.Due);
        if (due < ctx.Today) { ctx.Refuse($"{Fmt.Date(due)} is in the past; the new date must be from today on."); return; }
        if (due == g.Due) { ctx.Say($"{g.Id} is already due {Fmt.Date(due)}; nothing changed."); return; }
        ctx.Write(g with { Due = due, DueSlips = g.DueSlips + 1 });
        ctx.Event(g.Id, "due", Fmt.Date(g.Due), Fmt.Date(due), c.Reason);
        ctx.Say($"{g.Id} due date moved {Fmt.Date(g.Due)} → {Fmt.Date(due)} by {ctx.Actor.Name} because {c.Reason} (moved {g.DueSlips + 1}×).", Audience.Channel);
    }
}
