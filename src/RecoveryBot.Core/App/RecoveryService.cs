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
public sealed class RecoveryService(IRecoveryStore store, TimeProvider time, ISummaryLinks links, IScheduleIndex? schedule = null)
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
    public const string NoRecovery = "There is no recovery in this channel yet. Start one with `start <name> [tz <zone>]`.";

    public Task<TurnResult> HandleAsync(Turn turn, ChatCommand command, CancellationToken ct) =>
        command is HelpCommand help
            ? Task.FromResult(TurnResult.Say(CommandCatalog.HelpText(help.Topic)))
            : RunAsync(turn, command, expectedRevision: null, ct);

    public Task<TurnResult> HandleActionAsync(Turn turn, CardAction action, CancellationToken ct)
    {
        var mapped = CardActionMapper.Map(action);
        return mapped switch
        {
            ParseResult.Ok ok => RunAsync(turn, ok.Command, action.Revision, ct),
            ParseResult.Error e => Task.FromResult(TurnResult.Refuse(e.Line)),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>
    /// Remembers which message shows a change request's card, so a decision can update it in place. Returns the
    /// decided card when the decision came before the message was remembered: the caller puts it in place itself.
    /// </summary>
    public async Task<CardDoc?> RememberCardAsync(ChannelKey channel, int change, string messageId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if ((await ChannelRecoveries.ReadAsync(store, channel, ct)).Current is not { } current) return null;
            var request = await store.GetChangeRequestAsync(current.Id, change, ct);
            if (request is null || request.CardMessage == messageId) return null;
            if (request.State != ApprovalState.Pending) return RecoveryDocs.Decided(current, request, current.Zone);
            var result = await store.CommitAsync(new Changeset(current.Id)
            {
                ChangeRequests = [request with { CardMessage = messageId }],
            }, ct);
            if (result is CommitResult.Committed) return null;
        }
        return null;
    }

    /// <summary>
    /// The card about <paramref name="subject"/> as it stands now, with every role's buttons and who holds each role,
    /// and <paramref name="banner"/> (a refusal, say) on top. A gone item or recovery still gives a card that says so.
    /// </summary>
    public async Task<CardDoc> CurrentCardAsync(Turn turn, CardSubject subject, string? banner, CancellationToken ct)
    {
        try
        {
            return await CardViews.CurrentAsync(store, turn.Channel, subject, time.GetUtcNow(), banner, ct);
        }
        catch (StoreUnavailableException)
        {
            // Still a valid card, so the client is not left with a broken one; it says why and changes nothing.
            return new CardDoc { Title = "This card could not be loaded just now", Notes = [Unavailable], Summary = Unavailable };
        }
    }

    /// <summary>True when the channel has a recovery that takes reports (one runs, or a closed one keeps its follow-up).</summary>
    public async Task<bool> HasRecoveryAsync(ChannelKey channel, CancellationToken ct) =>
        (await ChannelRecoveries.ReadAsync(store, channel, ct)).Current is not null;

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
                    return TurnResult.Refuse(NoRecovery);
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
