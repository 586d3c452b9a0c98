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
public sealed class RecoveryService(IRecoveryStore store, TimeProvider time, ISummaryLinks links, IScheduleIndex? schedule = null, IPeopleIndex? people = null)
{
    // Change-request numbers contend only on the recovery's counter; those turns are simply decided again on
    // fresh state. Two people acting on the same item get the conflict reply instead.
    private const int MaxAttempts = 100;

    // The last known recovery row per recovery, so a gap report needs no read first: one insert, nothing else.
    // Its gap counter moves on with this host's own reports (serialized per recovery below); a report from another
    // host makes the insert fail, and the counter is looked up then. The rest of the row (phase, freeze) is read
    // again once the copy is older than RowTtl, so another host's change to it is seen within that time.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RecoveryId, KnownRow> _rows = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RecoveryId, SemaphoreSlim> _reporting = new();
    private const int MaxCachedRows = 10_000;
    private static readonly TimeSpan RowTtl = TimeSpan.FromSeconds(2);

    private sealed record KnownRow(Recovery Row, long ReadAt);

    public const string Unavailable = "Storage is unavailable, nothing was changed. Please try again in a minute.";

    public Task<TurnResult> HandleAsync(Turn turn, ChatCommand command, CancellationToken ct) =>
        command is HelpCommand help
            ? Task.FromResult(TurnResult.Say(CommandCatalog.HelpText(help.Topic)))
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

    /// <summary>Remembers which message shows a change request's card, so a decision can update it in place.</summary>
    public async Task RememberCardAsync(ChannelKey channel, int change, string messageId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if ((await ChannelRecoveries.ReadAsync(store, channel, ct)).Current is not { } current) return;
            var request = await store.GetChangeRequestAsync(current.Id, change, ct);
            if (request is null || request.CardMessage == messageId) return;
            var result = await store.CommitAsync(new Changeset(current.Id)
            {
                ChangeRequests = [request with { CardMessage = messageId }],
            }, ct);
            if (result is CommitResult.Committed) return;
        }
    }

    /// <summary>
    /// A command in a direct message. A DM with its own recovery is a channel like any other; otherwise a command that
    /// names an item acts on the recovery where the person has it: one → there; several → ask; none → say so.
    /// </summary>
    private async Task<TurnResult> DirectAsync(Turn turn, ChatCommand command, string? text, int? expectedRevision, CancellationToken ct)
    {
        try
        {
            if ((await ChannelRecoveries.ReadAsync(store, turn.Channel, ct)).Current is not null) return await RunAsync(turn, command, expectedRevision, ct);
            if (DirectRouting.TargetOf(command) is not { } target) return TurnResult.Refuse(DirectRouting.Unroutable);
            var found = new List<Recovery>();
            foreach (var id in (await people!.RecoveriesOfAsync(PersonKey.Of(turn.Channel, turn.Actor), ct)).Take(MaxCandidates))
            {
                if (await store.GetRecoveryAsync(id, ct) is { } r && await ConcernsAsync(r, turn.Actor, target, ct)) found.Add(r);
            }
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

    private async Task<bool> ConcernsAsync(Recovery r, UserRef person, (GapId? Gap, int? Change) target, CancellationToken ct)
    {
        var gap = target.Gap is { } g ? await store.GetGapAsync(r.Id, g, ct) : null;
        var change = target.Change is { } n ? await store.GetChangeRequestAsync(r.Id, n, ct) : null;
        return DirectRouting.Concerns(r, person, gap, change);
    }

    /// <summary>The turn as if typed in the recovery's channel: every rule and role check is the channel's.</summary>
    private async Task<TurnResult> InAsync(Turn turn, Recovery r, ChatCommand command, int? expectedRevision, CancellationToken ct)
    {
        var there = turn with { Channel = r.Channel, Address = r.Address, Direct = false };
        return await RunAsync(there, command, expectedRevision, ct) with { ActedIn = r };
    }

    // Who was already added to the people index by this host, so a turn pays for an index write once per person.
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
            if (_indexed.Count >= MaxCachedRows) _indexed.Clear();
            _indexed[memo] = 0;
        }
    }

    private async Task<TurnResult> RunAsync(Turn turn, ChatCommand command, int? expectedRevision, CancellationToken ct)
    {
        if (command is not ReportCommand) return await DecideAsync(turn, command, expectedRevision, ct);
        // Reports in one recovery go one at a time on this host, so they never race each other for a number.
        var id = turn.Channel.RecoveryId;
        if (_reporting.Count >= MaxCachedRows) _reporting.Clear();
        var gate = _reporting.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return await DecideAsync(turn, command, expectedRevision, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<TurnResult> DecideAsync(Turn turn, ChatCommand command, int? expectedRevision, CancellationToken ct)
    {
        try
        {
            var id = turn.Channel.RecoveryId;
            var knownNextGap = 0;
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                KnownRow? known = null;
                var cached = attempt == 0 && command is ReportCommand && _rows.TryGetValue(id, out known)
                    && time.GetElapsedTime(known.ReadAt) < RowTtl;
                var readAt = cached ? known!.ReadAt : time.GetTimestamp();
                Recovery? anchor = null, recovery;
                if (cached) recovery = known!.Row;
                else
                {
                    (anchor, var current) = await ChannelRecoveries.ReadAsync(store, turn.Channel, ct);
                    recovery = WithCounter(id, current, knownNextGap);
                }
                if (command is StartCommand && anchor is not null && recovery is not { Phase: not RecoveryPhase.Closed })
                {
                    // The channel's recovery is closed: this start begins its next one, under its own id.
                    if (await StartNextAsync(turn, command, anchor, recovery, ct) is { } next) return next;
                    continue;
                }
                if (recovery is null && command is not StartCommand)
                {
                    return TurnResult.Refuse("There is no recovery in this channel yet. Start one with `start <name> [tz <zone>]`.");
                }

                var ctx = new TurnContext(store, turn, recovery, time.GetUtcNow(), links) { ExpectedRevision = expectedRevision };
                await Handlers.DispatchAsync(ctx, command, ct);
                if (ctx.StaleGap is { } staleGap) return await StaleGapAsync(ctx, staleGap, "This card is out of date", ct);
                if (ctx.StaleChange is { } staleChange) return await StaleChangeAsync(ctx, staleChange, ct);
                if (cached && (ctx.Refused || !ctx.HasWrites)) { _rows.TryRemove(id, out _); continue; }
                if (ctx.Refused || !ctx.HasWrites) return ctx.Result();

                var changes = ctx.Changes();
                var committed = await store.CommitAsync(changes, ct);
                if (committed is CommitResult.Committed done)
                {
                    Remember(id, ctx.Recovery, changes.RecoveryRow is null ? recovery?.Version : done.RecoveryVersion,
                        changes.RecoveryRow is null ? readAt : time.GetTimestamp());
                    if (schedule is not null && AffectsSchedule(command)) await schedule.WakeAsync(ctx.R.Id, ct);
                    await IndexPeopleAsync(ctx.R, changes, ct);
                    return ctx.Result();
                }
                var what = ((CommitResult.Conflict)committed).What;
                _rows.TryRemove(id, out _);
                if (NewGap(changes, what) is { } taken)
                {
                    // Another host took the number: find the next free one and decide again.
                    knownNextGap = await store.NextGapNumberAsync(ctx.R.Id, taken.Number + 1, ct);
                    continue;
                }
                if (what != "recovery" && !IsNewChange(ctx, what)) return await ConflictAsync(ctx, what, ct);
            }
            return new TurnResult([new Reply.Text("Too many people are changing this recovery at once; nothing was changed. Please try again.")], [], new Outcome.Conflict("recovery"));
        }
        catch (StoreUnavailableException)
        {
            return new TurnResult([new Reply.Text(Unavailable)], [], new Outcome.Unavailable());
        }
    }

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
        var changes = ctx.Changes();
        if (await store.CommitAsync(changes, ct) is not CommitResult.Committed done) return null;
        Remember(turn.Channel.RecoveryId, ctx.Recovery, done.RecoveryVersion, time.GetTimestamp());
        if (schedule is not null) await schedule.WakeAsync(ctx.R.Id, ct);
        await IndexPeopleAsync(ctx.R, changes, ct);
        return ctx.Result();
    }

    /// <summary>A freshly read row, with its stored gap counter (a lower bound) raised to what this host knows.</summary>
    private Recovery? WithCounter(RecoveryId id, Recovery? read, int knownNextGap)
    {
        if (read is null) return null;
        var next = Math.Max(read.NextGapNumber, knownNextGap);
        // Gaps are never removed, so any number this host has seen taken stays a lower bound.
        if (_rows.TryGetValue(id, out var known) && known.Row.Id == read.Id) next = Math.Max(next, known.Row.NextGapNumber);
        return next == read.NextGapNumber ? read : read with { NextGapNumber = next };
    }

    private void Remember(RecoveryId id, Recovery? row, string? version, long readAt)
    {
        if (row is null || version is null) { _rows.TryRemove(id, out _); return; }
        if (_rows.Count >= MaxCachedRows) _rows.Clear();
        _rows[id] = new KnownRow(row with { Version = version }, readAt);
    }

    private static GapId? NewGap(Changeset changes, string what) =>
        changes.Gaps.FirstOrDefault(g => g.Version is null && g.Id.ToString() == what)?.Id;

    // Reports, lessons and questions add nothing with a date, so the hot path of `gap` pays no extra round trip.
    private static bool AffectsSchedule(ChatCommand command) =>
        command is not (ReportCommand or LessonCommand or QuestionCommand or EscalationCommand or SummaryCommand or RetroCommand);

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
