using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Schedule;

/// <summary>
/// Deletes a recovery's finished outbox items (sent, failed, expired) once their occurrence was due more than
/// <see cref="SchedulerOptions.OutboxRetention"/> ago. It runs inside the planning of that recovery (the holder of its
/// due-index lease), at most once a day, and asks for a wake-up while finished items remain, so a closed recovery's
/// items go as well. Its next sweep is kept beside the planned-through mark.
/// </summary>
/// <remarks>
/// Why deleting cannot make a post happen twice. The item under an occurrence's key is what turns a second planning of
/// that occurrence into a no-op (a 409 in Table Storage), so it may only go once no planning can produce the key again.
/// Every planning window starts after <c>max(plannedThrough, started, now − CatchUpLimit)</c> (<see cref="DueProcessor"/>). The
/// planned-through mark only moves that start later, and the due-index watermark only chooses which index buckets a tick
/// reads, not which occurrences are planned; so the catch-up limit alone bounds how far back any host plans, even one
/// that lost the planned-through mark or reads the index from its first bucket. A key's instant can move later than the
/// stored <see cref="OutboxItem.DueAt"/> only by <see cref="SchedulePlanner.KeyDrift"/> (a new check-in time or zone).
/// An item is deleted when <c>DueAt &lt; now − OutboxRetention</c>, and the options require
/// <c>OutboxRetention ≥ CatchUpLimit + KeyDrift</c>, so the occurrence's instant now lies before every window that can
/// still be planned: the key is never produced again and the no-op it guarded cannot be needed. Pending items are never
/// deleted (the sender expires them first).
/// </remarks>
internal sealed class OutboxSweeper(IOutbox outbox, SchedulerOptions options, TimeProvider time)
{
    /// <summary>Items live between the retention and the retention plus this; it keeps a busy recovery to one sweep a day.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    /// <summary>
    /// Sweeps when <paramref name="due"/>. Returns the next sweep to store with the plan: counted from the items kept and
    /// the items still to send (<paramref name="open"/>, which finish later), or null when the recovery has none.
    /// </summary>
    public async Task<DateTimeOffset?> SweepAsync(RecoveryId recovery, DateTimeOffset? sweepAt, bool due,
        IEnumerable<DateTimeOffset> open, CancellationToken ct)
    {
        if (!due) return sweepAt;
        var now = time.GetUtcNow();
        var cutoff = now - options.OutboxRetention;
        var finished = await outbox.FinishedAsync(recovery, ct);
        var old = finished.Where(r => r.DueAt < cutoff).ToList();
        if (old.Count > 0) await outbox.DeleteFinishedAsync(recovery, old, ct);
        var kept = finished.Where(r => r.DueAt >= cutoff).Select(r => r.DueAt).Concat(open).ToList();
        // Nothing left: no wake-up and no stored time; items appear only while planning, which sets it again.
        return kept.Count == 0 ? null : NextFor(kept.Min(), now);
    }

    /// <summary>When an item due at <paramref name="dueAt"/> may go: after the retention, and not sooner than a day from now.</summary>
    public DateTimeOffset NextFor(DateTimeOffset dueAt, DateTimeOffset now)
    {
        var next = dueAt + options.OutboxRetention;
        return next < now + Every ? now + Every : next;
    }
}
