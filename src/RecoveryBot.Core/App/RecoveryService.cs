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
    // Report and change-request numbers contend only on the recovery's counters; those turns are simply
    // decided again on fresh state. Two people acting on the same item get the conflict reply instead.
    private const int MaxAttempts = 100;

    // The last committed recovery row per recovery, used only to report gaps without a read first: a report always
    // writes the row (its counter), so a stale copy fails the version check and the turn is decided again, fresh.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RecoveryId, Recovery> _rows = new();
    private const int MaxCachedRows = 10_000;

    public const string Unavailable = "Storage is unavailable, nothing was changed. Please try again in a minute.";

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
            ParseResult.Error e => Task.FromResult(TurnResult.Say(e.Line)),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>Remembers which message shows a change request's card, so a decision can update it in place.</summary>
    public async Task RememberCardAsync(ChannelKey channel, int change, string messageId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var request = await store.GetChangeRequestAsync(channel.RecoveryId, change, ct);
            if (request is null || request.CardMessage == messageId) return;
            var result = await store.CommitAsync(new Changeset(channel.RecoveryId)
            {
                ChangeRequests = [request with { CardMessage = messageId }],
            }, ct);
            if (result is CommitResult.Committed) return;
        }
    }

    private async Task<TurnResult> RunAsync(Turn turn, ChatCommand command, int? expectedRevision, CancellationToken ct)
    {
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var id = turn.Channel.RecoveryId;
                Recovery? recovery = null;
                var cached = attempt == 0 && command is ReportCommand && _rows.TryGetValue(id, out recovery);
                if (!cached) recovery = await store.GetRecoveryAsync(id, ct);
                if (recovery is not null && recovery.Channel != turn.Channel) recovery = null;
                if (recovery is null && command is not StartCommand)
                {
                    return TurnResult.Say("There is no recovery in this channel yet. Start one with `start <name> [tz <zone>]`.");
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
                    Remember(id, changes.RecoveryRow, done.RecoveryVersion);
                    if (schedule is not null && AffectsSchedule(command)) await schedule.WakeAsync(ctx.R.Id, ct);
                    return ctx.Result();
                }
                var what = ((CommitResult.Conflict)committed).What;
                _rows.TryRemove(id, out _);
                if (what != "recovery" && !IsNewChange(ctx, what)) return await ConflictAsync(ctx, what, ct);
            }
            return TurnResult.Say("Too many people are changing this recovery at once; nothing was changed. Please try again.");
        }
        catch (StoreUnavailableException)
        {
            return TurnResult.Say(Unavailable);
        }
    }

    private void Remember(RecoveryId id, Recovery? written, string? version)
    {
        if (written is null || version is null) { _rows.TryRemove(id, out _); return; }
        if (_rows.Count >= MaxCachedRows) _rows.Clear();
        _rows[id] = written with { Version = version };
    }

    // Reports, lessons and questions add nothing with a date, so the hot path of `gap` pays no extra round trip.
    private static bool AffectsSchedule(ChatCommand command) =>
        command is not (ReportCommand or LessonCommand or QuestionCommand or EscalationCommand or SummaryCommand);

    private static bool IsNewChange(TurnContext ctx, string what) =>
        ctx.Changes().ChangeRequests.Any(c => c.Version is null && c.Label == what);

    private static async Task<TurnResult> ConflictAsync(TurnContext ctx, string what, CancellationToken ct)
    {
        if (GapId.TryParse(what, out var gap)) return await StaleGapAsync(ctx, gap, $"{gap} changed while you were acting", ct);
        return TurnResult.Say($"{what} changed while you were acting; nothing was changed. Please look again and retry.");
    }

    private static async Task<TurnResult> StaleGapAsync(TurnContext ctx, GapId id, string lead, CancellationToken ct)
    {
        var gap = await ctx.Store.GetGapAsync(ctx.R.Id, id, ct);
        if (gap is null) return TurnResult.Say($"{lead}; nothing was changed.");
        var card = new GapCard(ctx.R.Name, gap, ctx.Today, GapActions.For(ctx.R, gap, ctx.Actor));
        return new TurnResult([
            new Reply.Text($"{lead} — {id} is now {gap.Status.Text()}; here is its state now. Nothing was changed."),
            new Reply.Card(card, Audience.Actor),
        ], []);
    }

    private static async Task<TurnResult> StaleChangeAsync(TurnContext ctx, int number, CancellationToken ct)
    {
        var change = await ctx.Store.GetChangeRequestAsync(ctx.R.Id, number, ct);
        var state = change is null ? "gone" : change.State.ToString().ToLowerInvariant();
        return TurnResult.Say($"This card is out of date — {change?.Label ?? $"CR-{number}"} is {state}. Nothing was changed.");
    }
}
