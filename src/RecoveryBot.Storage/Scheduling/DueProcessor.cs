using Microsoft.Extensions.Logging;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>
/// Handles one due recovery: plan on its current state, put what is due in the outbox, send it, and set the next
/// wake-up. Every step can be repeated by another host after a crash without posting anything twice.
/// </summary>
internal sealed class DueProcessor(
    TableScheduleIndex index, TableOutbox outbox, OutboxSender sender, OutboxSweeper sweeper, IRecoveryStore store,
    SchedulerOptions options, TimeProvider time, ISummaryLinks? links, ILogger log, IPersonZones? zones = null)
{
    private const int MaxZoneReads = 32;

    public async Task<(IReadOnlyList<PlannedPost> Planned, IReadOnlyList<SendOutcome> Sent)?> ProcessAsync(
        DueEntry entry, CancellationToken ct)
    {
        // Read the clock per recovery, not per tick: a long tick must not hand out leases that have already run out.
        var now = time.GetUtcNow();
        var claimed = await index.TryClaimAsync(entry, options.Owner, now + options.LeaseDuration, now, ct);
        if (claimed is null) return null;
        var recovery = await store.GetRecoveryAsync(claimed.Recovery, ct);
        if (recovery is null)
        {
            await index.CompleteAsync(claimed, null, ct);
            return ([], []);
        }
        // One query reads the rows still to send, the notices and the plan row; the plan row goes back with the new rows.
        var box = await outbox.ReadAsync(recovery.Id, ct);
        var state = await PlanStateAsync(recovery.Id, box, ct);
        var sweepAt = await sweeper.SweepAsync(recovery.Id, state.SweepAt, state.SweepDue(now), box.Pending.Select(p => p.DueAt), ct);
        var (plan, planned, planAgainBy, added) = await PlanAsync(recovery, state, box, sweepAt, now, ct);
        var drained = await sender.DrainAsync(recovery, [.. box.Pending, .. added.Where(a => a.Added).Select(a => a.Row)],
            added.Where(a => a.Added && a.Row.LeaseOwner == options.Owner).Select(a => a.Row.Key).ToHashSet(StringComparer.Ordinal), ct);
        await index.CompleteAsync(claimed, Earliest(Earliest(Earliest(plan.NextWake, drained.RetryAt), planAgainBy), plan.SweepAt), ct);
        return (planned, drained.Outcomes);
    }

    /// <summary>What a tick at <paramref name="now"/> would post for <paramref name="r"/>; nothing is written.</summary>
    public async Task<IReadOnlyList<PlannedPost>> PreviewAsync(Recovery r, DateTimeOffset now, TimeSpan lateAfter, CancellationToken ct)
    {
        var box = await outbox.ReadAsync(r.Id, ct);
        var state = await PlanStateAsync(r.Id, box, ct);
        var (_, plan, _) = await DecideAsync(r, state.PlannedThrough, box, now, lateAfter, ct);
        return [.. plan.Due.Select(o => new PlannedPost(r, o, Enqueued: false))];
    }

    /// <summary>The plan row read with the outbox, else the older plan state in the due-index table (read once more).</summary>
    private async Task<PlanState> PlanStateAsync(RecoveryId id, OutboxState box, CancellationToken ct)
    {
        if (box.Plan is { } row) return new(row.PlannedThrough, row.SweepAt, Known: true);
        var old = await index.PlanStateAsync(id, ct);
        return new(old?.PlannedThrough, old?.SweepAt, Known: false);
    }

    /// <summary>
    /// Plans <paramref name="r"/> at <paramref name="now"/> and enqueues what is due together with the new plan row. The
    /// window never starts before <c>now − CatchUpLimit</c>, whatever the planned-through mark says (<see cref="OutboxSweeper"/>
    /// relies on it). Rows that go out in this tick are inserted with this host's lease, so sending needs no claim.
    /// </summary>
    private async Task<(ScheduleOutcome Plan, IReadOnlyList<PlannedPost> Posts, DateTimeOffset? PlanAgainBy,
        List<(OutboxRow Row, bool Added, string? Refused)> Added)> PlanAsync(
        Recovery r, PlanState state, OutboxState box, DateTimeOffset? sweepAt, DateTimeOffset now, CancellationToken ct)
    {
        var (input, plan, planAgainBy) = await DecideAsync(r, state.PlannedThrough, box, now, options.LateAfter, ct);
        var rows = plan.Due.Select(o => OutboxRow.Create(r, o, now)).ToList();
        foreach (var row in rows.Where(row => sender.WouldSendNow(r, row, now)))
        {
            row.LeaseOwner = options.Owner;
            row.LeaseUntil = now + options.LeaseDuration;
        }
        if (rows.Count > 0) sweepAt = Earliest(sweepAt, sweeper.NextFor(rows.Min(row => row.DueAt), now));
        var plannedThrough = state.PlannedThrough is { } before && before > plan.PlannedThrough ? before : plan.PlannedThrough;
        var planRow = rows.Count > 0 || !state.Known || plannedThrough != state.PlannedThrough || sweepAt != state.SweepAt
            ? new PlanRow { PartitionKey = r.Id.Value, RowKey = PlanRow.KeyOf(r.Id), PlannedThrough = plannedThrough, SweepAt = sweepAt }
            : null;
        var added = await outbox.EnqueueAsync(rows, planRow, ct);
        var posts = new List<PlannedPost>();
        foreach (var (row, o) in added.Zip(plan.Due))
        {
            posts.Add(new PlannedPost(r, o, row.Added));
            if (row.Refused is { } refused)
            {
                // Parked as failed: the recovery's other posts go on, and the lead reads why in the next check-in.
                log.LogWarning("Scheduled post {Key} for {Recovery} cannot be stored and is not posted: {Reason}", o.Key, r.Id, refused);
                await outbox.AddNoticeAsync(r.Id, o.Key, ScheduledTexts.Undelivered(o.Kind, o.Key, o.DueAt, r.Zone, refused), ct);
                continue;
            }
            if (row.Added && o.Kind == PostKind.Checkin && input.Notices.Count > 0) await outbox.DeleteAsync(box.Notices, ct);
        }
        return (new ScheduleOutcome(plan.NextWake, sweepAt), posts, zones is null ? null : planAgainBy, added);
    }

    /// <summary>What is due for <paramref name="r"/> at <paramref name="now"/>, on its current state.</summary>
    private async Task<(ScheduleInput Input, SchedulePlan Plan, DateTimeOffset? PlanAgainBy)> DecideAsync(
        Recovery r, DateTimeOffset? plannedThrough, OutboxState box, DateTimeOffset now, TimeSpan lateAfter, CancellationToken ct)
    {
        var since = Latest(Latest(plannedThrough ?? r.StartedAt, r.StartedAt), now - options.CatchUpLimit);
        var gaps = await store.ListGapsAsync(r.Id, ct);
        var input = new ScheduleInput(r, gaps, []);
        var wanted = SchedulePlanner.PeopleWithZones(input, since, now);
        input = input with { PersonZones = await ZonesAsync(r, wanted.People, ct) };
        var plan = SchedulePlanner.Plan(input, since, now, lateAfter);
        if (plan.Due.Any(o => o.Kind == PostKind.Checkin))
        {
            // Only a check-in needs the change requests, the log link and the notices owed to the lead.
            input = input with
            {
                Changes = await store.ListChangeRequestsAsync(r.Id, ct),
                LogLink = links?.LogUrl(r),
                History = await store.ListHistoryAsync(r.Id, ct),
                Notices = [.. box.Notices.Select(n => n.Text)],
            };
            plan = SchedulePlanner.Plan(input, since, now, lateAfter);
        }
        return (input, plan, wanted.PlanAgainBy);
    }

    /// <summary>The plan mark and next sweep; <c>Known</c> when read from the plan row (there a null sweep means nothing to sweep).</summary>
    private sealed record PlanState(DateTimeOffset? PlannedThrough, DateTimeOffset? SweepAt, bool Known)
    {
        public bool SweepDue(DateTimeOffset now) => SweepAt <= now || (!Known && SweepAt is null);
    }

    private sealed record ScheduleOutcome(DateTimeOffset? NextWake, DateTimeOffset? SweepAt);

    /// <summary>
    /// The zones the platforms reported for <paramref name="people"/>, read in parallel (one point read each, only for
    /// the recipients of personal posts near the window). A failed read leaves that person in the recovery's zone.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> ZonesAsync(Recovery r, IReadOnlyList<UserRef> people, CancellationToken ct)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (zones is null || people.Count == 0) return found;
        var reads = people.Take(MaxZoneReads).Select(async p =>
        {
            try
            {
                return (p.Id, Zone: await zones.GetZoneAsync(PersonKey.Of(r.Channel, p), ct));
            }
            catch (StoreUnavailableException ex)
            {
                log.LogDebug("The time zone of a person in {Recovery} could not be read: {Error}", r.Id, ex.Message);
                return (p.Id, Zone: null);
            }
        });
        foreach (var (id, zone) in await Task.WhenAll(reads))
        {
            if (zone is not null) found[id] = zone;
        }
        return found;
    }

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
