using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>
/// The one entry point both channels call: (channel, actor, command or card action) → replies and history.
/// Reads what the command needs, decides through the handlers, and commits everything as one transaction.
/// </summary>
public sealed class RecoveryService(IRecoveryStore store, TimeProvider time, ISummaryLinks links, IScheduleIndex? schedule = null, IPeopleIndex? people = null,
    ITurnOutbox? outbox = null)
{
    // Change-request numbers contend only on the recovery's counter; those turns are simply decided again on
    // fresh state. Two people acting on the same item get the conflict reply instead.
    private const int MaxAttempts = 100;

    public const string Unavailable = "Storage is unavailable, nothing was changed. Please try again in a minute.";
    public const string NoRecovery = "There is no recovery in this channel yet. Start one with `start <name> [tz <zone>]`.";

    public Task<TurnResult> HandleAsync(Turn turn, ChatCommand command, CancellationToken ct) =>
        command is HelpCommand help
            ? Task.FromResult(TurnResult.Say(CommandCatalog.HelpText(help.Topic)))
            : command is MineCommand && turn.Direct && people is not null
                ? MineAcrossAsync(turn, ct)
            : turn.Direct && people is not null
                ? DirectAsync(turn, command, turn.Text, expectedRevision: null, ct)
                : RunAsync(turn, command, expectedRevision: null, ct);

    public Task<TurnResult> HandleActionAsync(Turn turn, CardAction action, CancellationToken ct)
    {
        if (action.Verb == CardVerbs.InRecovery) return PickedAsync(turn, action, ct);
        var mapped = CardActionMapper.Map(action);
        return mapped switch
        {
            ParseResult.Ok ok when turn.Direct && people is not null => DirectAsync(turn, ok.Command, DirectRouting.TextOf(ok.Command), action.Revision, ct),
            ParseResult.Ok ok => RunAsync(turn, ok.Command, action.Revision, ct),
            ParseResult.Error e => Task.FromResult(TurnResult.Refuse(e.Line)),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>Most messages kept per card besides the first (the approver's or retester's direct messages, a re-post).</summary>
    public const int MaxCardCopies = 4;

    /// <summary>
    /// Remembers which message shows a card that awaits a decision (a change request's) or a verdict (an item's retest
    /// card), so the decision or verdict updates it in place; <paramref name="channel"/> is where it was posted, and the
    /// card's own recovery is used when it names one (a copy in a direct message). Returns the answered card when the
    /// answer came before the message was remembered: the caller puts it in place itself.
    /// </summary>
    public async Task<CardDoc?> RememberCardAsync(ChannelKey channel, CardDoc card, string messageId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var current = card.Recovery is { } id ? await store.GetRecoveryAsync(id, ct) : (await ChannelRecoveries.ReadAsync(store, channel, ct)).Current;
            if (current is null) return null;
            Changeset changes;
            if (card.AwaitsDecisionOf is { } change)
            {
                var request = await store.GetChangeRequestAsync(current.Id, change, ct);
                if (request is null || request.CardMessage == messageId || request.CardCopies.Contains(messageId)) return null;
                if (request.State != ApprovalState.Pending) return RecoveryDocs.Decided(current, request, current.Zone);
                changes = new Changeset(current.Id)
                {
                    // The channel's card is the one kept first; copies elsewhere (a direct message) beside it.
                    ChangeRequests = [request.CardMessage is null && channel == current.Channel
                        ? request with { CardMessage = messageId }
                        : request with { CardCopies = Kept(request.CardCopies, messageId) }],
                };
            }
            else if (card.AwaitsVerdictOf is { } gapId)
            {
                var gap = await store.GetGapAsync(current.Id, gapId, ct);
                if (gap is null || gap.CardCopies.Contains(messageId)) return null;
                // Answered since the card was composed: it shows the answer now.
                if (gap.Status != GapStatus.FixReady) return GapDocs.Retest(current, gap, []);
                changes = new Changeset(current.Id) { Gaps = [gap with { CardCopies = Kept(gap.CardCopies, messageId) }] };
            }
            else return null;
            if (await store.CommitAsync(changes, ct) is CommitResult.Committed) return null;
        }
        return null;
    }

    private static System.Collections.Immutable.ImmutableList<string> Kept(System.Collections.Immutable.ImmutableList<string> copies, string messageId) =>
        (copies.Count >= MaxCardCopies + 1 ? copies.RemoveAt(0) : copies).Add(messageId);

    /// <summary>
    /// The card about <paramref name="subject"/> as it stands now, with every role's buttons and who holds each role,
    /// and <paramref name="banner"/> (a refusal, say) on top. A gone item or recovery still gives a card that says so.
    /// </summary>
    public async Task<CardDoc> CurrentCardAsync(Turn turn, CardSubject subject, string? banner, CancellationToken ct, Recovery? actedIn = null)
    {
        try
        {
            var channel = actedIn?.Channel ?? (turn.Direct ? await DirectChannelAsync(turn, subject, ct) : null) ?? turn.Channel;
            return await CardViews.CurrentAsync(store, channel, subject, time.GetUtcNow(), banner, ct);
        }
        catch (StoreUnavailableException)
        {
            // Still a valid card, so the client is not left with a broken one; it says why and changes nothing.
            return new CardDoc { Title = "This card could not be loaded just now", Notes = [Unavailable], Summary = Unavailable };
        }
    }

    /// <summary>
    /// The channel whose recovery a card in a direct message is about: the DM's own recovery if it has one, else the
    /// one recovery where the person has that item — or, since ids repeat across recoveries (each starts at G-1), the one
    /// whose item is at the revision the card showed; null when none or still several (the card then says it is gone).
    /// </summary>
    private async Task<ChannelKey?> DirectChannelAsync(Turn turn, CardSubject subject, CancellationToken ct)
    {
        if (people is null || (await ChannelRecoveries.ReadAsync(store, turn.Channel, ct)).Current is not null) return null;
        (GapId? Gap, int? Change) target = (subject.Gap, subject.Change);
        if (target is (null, null)) return null;
        var candidates = new List<DirectRouting.Candidate>();
        foreach (var id in (await people.RecoveriesOfAsync(PersonKey.Of(turn.Channel, turn.Actor), ct)).Take(MaxCandidates))
        {
            if (await store.GetRecoveryAsync(id, ct) is { } r && await CandidateAsync(r, turn.Actor, target, ct) is { } c) candidates.Add(c);
        }
        if (candidates.Count > 1) candidates = [.. candidates.Where(c => (c.Gap?.Revision ?? c.Change?.Revision) == subject.Revision)];
        return candidates.Count == 1 ? candidates[0].Recovery.Channel : null;
    }

    /// <summary>True when the channel has a recovery that takes reports (one runs, or a closed one keeps its follow-up).</summary>
    public async Task<bool> HasRecoveryAsync(ChannelKey channel, CancellationToken ct) =>
        (await ChannelRecoveries.ReadAsync(store, channel, ct)).Current is not null;
    /// <summary>
    /// A command in a direct message. A DM with its own recovery (started there) is a channel like any other; otherwise
    /// a command that names an item acts on the recovery where the person has it: one → there; several → ask; none → say so.
    /// </summary>
    private async Task<TurnResult> DirectAsync(Turn turn, ChatCommand command, string? text, int? expectedRevision, CancellationToken ct)
    {
        try
        {
            if ((await ChannelRecoveries.ReadAsync(store, turn.Channel, ct)).Current is not null) return await RunAsync(turn, command, expectedRevision, ct);
            // `start` in a DM starts a recovery of its own there (a personal trial run); anything else names an item.
            if (command is StartCommand) return await RunAsync(turn, command, expectedRevision, ct);
            if (DirectRouting.TargetOf(command) is not { } target) return TurnResult.Refuse(DirectRouting.Unroutable);
            var candidates = new List<DirectRouting.Candidate>();
            foreach (var id in (await people!.RecoveriesOfAsync(PersonKey.Of(turn.Channel, turn.Actor), ct)).Take(MaxCandidates))
            {
                if (await store.GetRecoveryAsync(id, ct) is { } r && await CandidateAsync(r, turn.Actor, target, ct) is { } c) candidates.Add(c);
            }
            // Ids repeat across recoveries (each starts at G-1): the one where this person can do exactly this, if only one.
            if (candidates.Count > 1 && DirectRouting.Narrow(candidates, turn.Actor, command, expectedRevision) is { } only)
            {
                return await InAsync(turn, only, command, expectedRevision, ct);
            }
            var found = candidates.Select(c => c.Recovery).ToList();
            if (found.Count == 1) return await InAsync(turn, found[0], command, expectedRevision, ct);
            if (found.Count == 0) return TurnResult.Refuse(DirectRouting.None(target.Gap, target.Change));
            var what = target.Gap?.ToString() ?? $"CR-{target.Change}";
            if (text is null) return TurnResult.Refuse($"You have {what} in several recoveries; type the command in the right recovery's channel.");
            return new TurnResult([new Reply.Card(DirectRouting.Choose(what, text, found), Audience.Actor)], [], Outcome.ReadOnly);
        }
        catch (StoreUnavailableException)
        {
            return new TurnResult([new Reply.Text(Unavailable)], [], new Outcome.Unavailable());
        }
    }

    /// <summary>`mine` in a direct message (or on Slack's App Home): the person's items in every recovery they are in.</summary>
    private async Task<TurnResult> MineAcrossAsync(Turn turn, CancellationToken ct)
    {
        try
        {
            return await Mine.AcrossAsync(store, people!, turn, time.GetUtcNow(), ct);
        }
        catch (StoreUnavailableException)
        {
            return new TurnResult([new Reply.Text(Unavailable)], [], new Outcome.Unavailable());
        }
    }

    /// <summary>A click on one of the "which recovery?" buttons: the same checks again, then the command there.</summary>
    private async Task<TurnResult> PickedAsync(Turn turn, CardAction action, CancellationToken ct)
    {
        const string Unknown = "That button is not one RecoveryBot knows; nothing was changed.";
        if (people is null || !RecoveryId.TryParse(action.Input(FormFields.Recovery), out var id)
            || CommandParser.Parse(action.Input(FormFields.Command)) is not ParseResult.Ok ok
            || DirectRouting.TargetOf(ok.Command) is not { } target) return TurnResult.Refuse(Unknown);
        try
        {
            var r = await store.GetRecoveryAsync(id, ct);
            // The same platform and tenant only: a forged button never reaches another workspace's recovery.
            if (r is null || r.Channel.Platform != turn.Channel.Platform || r.Channel.Tenant != turn.Channel.Tenant
                || !await ConcernsAsync(r, turn.Actor, target, ct)) return TurnResult.Refuse(DirectRouting.None(target.Gap, target.Change));
            return await InAsync(turn, r, ok.Command, null, ct);
        }
        catch (StoreUnavailableException)
        {
            return new TurnResult([new Reply.Text(Unavailable)], [], new Outcome.Unavailable());
        }
    }

    private const int MaxCandidates = 50;

    private async Task<bool> ConcernsAsync(Recovery r, UserRef person, (GapId? Gap, int? Change) target, CancellationToken ct) =>
        await CandidateAsync(r, person, target, ct) is not null;

    private async Task<DirectRouting.Candidate?> CandidateAsync(Recovery r, UserRef person, (GapId? Gap, int? Change) target, CancellationToken ct)
    {
        var gap = target.Gap is { } g ? await store.GetGapAsync(r.Id, g, ct) : null;
        var change = target.Change is { } n ? await store.GetChangeRequestAsync(r.Id, n, ct) : null;
        return DirectRouting.Concerns(r, person, gap, change) ? new DirectRouting.Candidate(r, gap, change) : null;
    }

    /// <summary>The turn as if typed in the recovery's channel: every rule and role check is the channel's.</summary>
    private async Task<TurnResult> InAsync(Turn turn, Recovery r, ChatCommand command, int? expectedRevision, CancellationToken ct)
    {
        var there = turn with { Channel = r.Channel, Address = r.Address, Direct = false };
        return await RunAsync(there, command, expectedRevision, ct) with { ActedIn = r };
    }

    // Who was already added to the people index by this host, so a turn pays for an index write once per person.
    private const int MaxIndexed = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _indexed = new(StringComparer.Ordinal);

    /// <summary>Adds the lead, approver, owners and retesters a commit names to the people index.</summary>
    private async Task IndexPeopleAsync(Recovery r, Changeset changes, CancellationToken ct)
    {
        if (people is null) return;
        IEnumerable<UserRef?> named = [changes.RecoveryRow?.Lead, changes.RecoveryRow?.Approver, .. changes.Gaps.SelectMany(g => new[] { g.Owner, g.Retester })];
        foreach (var person in named.OfType<UserRef>().DistinctBy(p => p.Id))
        {
            var key = PersonKey.Of(r.Channel, person);
            var memo = $"{key.Platform}\n{key.Tenant}\n{key.User}\n{r.Id}";
            if (_indexed.ContainsKey(memo)) continue;
            try
            {
                await people.AddAsync(key, r.Id, ct);
            }
            catch (StoreUnavailableException)
            {
                continue; // the turn is committed; the next change that names this person adds it
            }
            if (_indexed.Count >= MaxIndexed) _indexed.Clear();
            _indexed[memo] = 0;
        }
    }

    private async Task<TurnResult> RunAsync(Turn turn, ChatCommand command, int? expectedRevision, CancellationToken ct)
    {
        if (command is not ReportCommand) return await DecideAsync(turn, command, expectedRevision, ct);
        using (await store.EnterReportAsync(turn.Channel.RecoveryId, ct))
        {
            return await DecideAsync(turn, command, expectedRevision, ct);
        }
    }

    private async Task<TurnResult> DecideAsync(Turn turn, ChatCommand command, int? expectedRevision, CancellationToken ct)
    {
        try
        {
            var knownNextGap = 0;
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                // A report's first attempt may decide on a recent row: the store fences reports against phase and
                // freeze changes it has not seen, so such a report conflicts and is decided again on a fresh read.
                var recent = attempt == 0 && command is ReportCommand;
                var (anchor, current) = await ChannelRecoveries.ReadAsync(store, turn.Channel, ct, recent);
                var recovery = WithCounter(current, knownNextGap);
                if (command is StartCommand && anchor is not null && recovery is not { Phase: not RecoveryPhase.Closed })
                {
                    // The channel's recovery is closed: this start begins its next one, under its own id.
                    if (await StartNextAsync(turn, command, anchor, recovery, ct) is { } next) return next;
                    continue;
                }
                if (recovery is null && command is not StartCommand)
                {
                    return TurnResult.Refuse(NoRecovery);
                }
                if (attempt == 0 && await AlreadyLoggedAsync(turn, command, recovery, ct) is { } logged) return logged;

                var ctx = new TurnContext(store, turn, recovery, time.GetUtcNow(), links) { ExpectedRevision = expectedRevision };
                await Handlers.DispatchAsync(ctx, command, ct);
                if (ctx.StaleGap is { } staleGap) return await StaleGapAsync(ctx, staleGap, "This card is out of date", ct);
                if (ctx.StaleChange is { } staleChange) return await StaleChangeAsync(ctx, staleChange, ct);
                if (recent && (ctx.Refused || !ctx.HasWrites)) continue;
                if (ctx.Refused) return ctx.Result();
                if (!ctx.HasWrites) return await PostsOnlyAsync(ctx, ct);

                var changes = await WithPostsAsync(ctx, ct);
                var committed = await store.CommitAsync(changes, ct);
                if (committed is CommitResult.Committed done)
                {
                    if (schedule is not null && AffectsSchedule(command)) await schedule.WakeAsync(ctx.R.Id, ct);
                    await IndexPeopleAsync(ctx.R, changes, ct);
                    return Result(ctx, changes, done);
                }
                var what = ((CommitResult.Conflict)committed).What;
                if (NewGap(changes, what) is { } taken)
                {
                    // Another host took the number: find the next free one and decide again.
                    knownNextGap = await store.NextGapNumberAsync(ctx.R.Id, taken.Number + 1, ct);
                    continue;
                }
                if (what != "recovery" && !IsNewChange(ctx, what))
                {
                    if (await OnlyVersionMovedAsync(ctx, changes, what, ct)) continue;
                    return await ConflictAsync(ctx, what, ct);
                }
            }
            return new TurnResult([new Reply.Text("Too many people are changing this recovery at once; nothing was changed. Please try again.")], [], new Outcome.Conflict("recovery"));
        }
        catch (StoreUnavailableException)
        {
            return new TurnResult([new Reply.Text(Unavailable)], [], new Outcome.Unavailable());
        }
        catch (StoreTooLargeException e)
        {
            return TurnResult.Refuse(TooLarge(e));
        }
    }

    /// <summary>The refusal when a turn's writes would not fit in storage (caught before anything was sent).</summary>
    public static string TooLarge(StoreTooLargeException e) =>
        $"That is more than this recovery can store ({e.What}: {e.Reason}). Nothing was changed; shorten it and try again.";

    /// <summary>
    /// Starts the channel's next recovery. The channel's first row points at it first (version-guarded, so two
    /// starts at once cannot both move it), then the new recovery is inserted. A start interrupted between the two
    /// leaves the pointer on a missing row, which the next `start` fills. Null: decide again on fresh state.
    /// </summary>
    private async Task<TurnResult?> StartNextAsync(Turn turn, ChatCommand command, Recovery anchor, Recovery? current, CancellationToken ct)
    {
        var generation = current is null ? anchor.Latest : anchor.Latest + 1;
        var ctx = new TurnContext(store, turn, null, time.GetUtcNow(), links) { NewRecovery = (RecoveryId.For(turn.Channel, generation), generation) };
        await Handlers.DispatchAsync(ctx, command, ct);
        if (ctx.Refused) return ctx.Result();
        if (generation != anchor.Latest)
        {
            var moved = await store.CommitAsync(new Changeset(anchor.Id) { RecoveryRow = anchor with { Latest = generation, Revision = anchor.Revision + 1 } }, ct);
            if (moved is CommitResult.Conflict) return null;
        }
        var changes = await WithPostsAsync(ctx, ct);
        if (await store.CommitAsync(changes, ct) is not CommitResult.Committed done) return null;
        if (schedule is not null) await schedule.WakeAsync(ctx.R.Id, ct);
        await IndexPeopleAsync(ctx.R, changes, ct);
        return Result(ctx, changes, done);
    }

    /// <summary>
    /// A report redelivered after its first run's host stopped, that this first run logged already: the person is told
    /// which item it is, and nothing is logged again (its posts went with its row, and the host that adopts them sends
    /// them). Only redeliveries pay for the read.
    /// </summary>
    private async Task<TurnResult?> AlreadyLoggedAsync(Turn turn, ChatCommand command, Recovery? recovery, CancellationToken ct)
    {
        if (command is not ReportCommand || !turn.Redelivered || turn.Origin is not { } origin || recovery is null) return null;
        var logged = (await store.ListGapsAsync(recovery.Id, ct)).FirstOrDefault(g => g.Origin == origin);
        return logged is null ? null : TurnResult.Say($"{logged.Id} was logged from this message already: {logged.Title}.");
    }

    /// <summary>
    /// The turn's changes, with its posts to others when the adapter sends them from the store: this host's lane in
    /// the recovery is opened first, so if the host dies after the commit another host finds the posts and sends them.
    /// </summary>
    private async Task<Changeset> WithPostsAsync(TurnContext ctx, CancellationToken ct)
    {
        var changes = ctx.Changes();
        if (ctx.Turn.PostsBy is not { } host || outbox is null) return changes;
        var replies = ctx.Result().Replies;
        var outgoing = TurnPosts.Outgoing(replies);
        if (outgoing.Count == 0) return changes;
        await outbox.OpenLaneAsync(host, ctx.R.Id, ct);
        return changes with { Posts = new TurnPosts(host, outgoing) { Announces = outgoing.Count == replies.Count ? ctx.Announces : null } };
    }

    /// <summary>A turn that changes nothing but posts to others (a status note): its posts are stored on their own.</summary>
    private async Task<TurnResult> PostsOnlyAsync(TurnContext ctx, CancellationToken ct)
    {
        if (ctx.Recovery is null) return ctx.Result();
        var changes = await WithPostsAsync(ctx, ct);
        if (changes.Posts is null) return ctx.Result();
        return await store.CommitAsync(changes, ct) is CommitResult.Committed done ? Result(ctx, changes, done) : ctx.Result();
    }

    private static TurnResult Result(TurnContext ctx, Changeset changes, CommitResult.Committed done) =>
        changes.Posts is { } posts && done.PostsAt is { } carrier
            ? ctx.Result() with { Pending = new PendingPosts(ctx.R.Id, carrier, posts.Host, posts.Replies) { Announces = posts.Announces } }
            : ctx.Result();

    /// <summary>The row read, with its gap counter (a lower bound) raised to a number this turn has seen taken.</summary>
    private static Recovery? WithCounter(Recovery? read, int knownNextGap) =>
        read is null || read.NextGapNumber >= knownNextGap ? read : read with { NextGapNumber = knownNextGap };

    private static GapId? NewGap(Changeset changes, string what) =>
        changes.Gaps.FirstOrDefault(g => g.Version is null && g.Id.ToString() == what)?.Id;

    // Reports, lessons and questions add nothing with a date, so the hot path of `gap` pays no extra round trip.
    private static bool AffectsSchedule(ChatCommand command) =>
        command is not (ReportCommand or LessonCommand or QuestionCommand or EscalationCommand or SummaryCommand or RetroCommand);

    /// <summary>
    /// True when the row the commit conflicted on was written without a change to what it says — its revision is the
    /// one the turn read (a post of it was marked as sent, a card showing it was remembered): the turn is decided again
    /// instead of telling the person that someone else acted.
    /// </summary>
    private static async Task<bool> OnlyVersionMovedAsync(TurnContext ctx, Changeset changes, string what, CancellationToken ct)
    {
        if (GapId.TryParse(what, out var id) && changes.Gaps.FirstOrDefault(g => g.Id == id && g.Version is not null) is { } gap)
        {
            return await ctx.Store.GetGapAsync(ctx.R.Id, id, ct) is { } stored && stored.Revision == gap.Revision - 1;
        }
        if (changes.ChangeRequests.FirstOrDefault(c => c.Label == what && c.Version is not null) is { } change)
        {
            return await ctx.Store.GetChangeRequestAsync(ctx.R.Id, change.Number, ct) is { } stored && stored.Revision == change.Revision - 1;
        }
        return false;
    }

    private static bool IsNewChange(TurnContext ctx, string what) =>
        ctx.Changes().ChangeRequests.Any(c => c.Version is null && c.Label == what);

    private static async Task<TurnResult> ConflictAsync(TurnContext ctx, string what, CancellationToken ct)
    {
        if (GapId.TryParse(what, out var gap)) return await StaleGapAsync(ctx, gap, $"{gap} changed while you were acting", ct) with { Outcome = new Outcome.Conflict(what) };
        return new TurnResult([new Reply.Text($"{what} changed while you were acting; nothing was changed. Please look again and retry.")], [], new Outcome.Conflict(what));
    }

    private static async Task<TurnResult> StaleGapAsync(TurnContext ctx, GapId id, string lead, CancellationToken ct)
    {
        var gap = await ctx.Store.GetGapAsync(ctx.R.Id, id, ct);
        if (gap is null) return new TurnResult([new Reply.Text($"{lead}; nothing was changed.")], [], new Outcome.Stale(id.ToString()));
        var card = GapDocs.Row(ctx.R, gap, ctx.Today, GapActions.For(ctx.R, gap, ctx.Actor));
        return new TurnResult([
            new Reply.Text($"{lead} — {id} is now {gap.Status.Text()}; here is its state now. Nothing was changed."),
            new Reply.Card(card, Audience.Actor),
        ], [], new Outcome.Stale(id.ToString()));
    }

    private static async Task<TurnResult> StaleChangeAsync(TurnContext ctx, int number, CancellationToken ct)
    {
        var change = await ctx.Store.GetChangeRequestAsync(ctx.R.Id, number, ct);
        var state = change is null ? "gone" : change.State.ToString().ToLowerInvariant();
        var label = change?.Label ?? $"CR-{number}";
        return new TurnResult([new Reply.Text($"This card is out of date — {label} is {state}. Nothing was changed.")], [], new Outcome.Stale(label));
    }
}
