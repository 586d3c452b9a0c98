using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Schedule;

/// <summary>
/// Handles one due recovery: plan on its current state, put what is due in the outbox, send it, and set the next
/// wake-up. Every step can be repeated by another host after a crash without posting anything twice.
/// </summary>
internal sealed class DueProcessor(
    IDueIndex index, IOutbox outbox, OutboxSender sender, OutboxSweeper sweeper, IRecoveryStore store,
    SchedulerOptions options, TimeProvider time, ISummaryLinks? links, ISchedulerLog log, IPersonZones? zones = null)
{
    private const int MaxZoneReads = 32;

    /// <summary>The wake-up with this host's lease (and its new version), or null when another host has it.</summary>
    public async Task<DueWake?> ClaimAsync(DueWake wake, CancellationToken ct)
    {
        // Read the clock per recovery, not per tick: a long tick must not hand out leases that have already run out.
        var now = time.GetUtcNow();
        return wake.IsLeased(now) ? null : await index.TryClaimAsync(wake, options.Owner, now + options.LeaseDuration, ct);
    }

    /// <summary>Plans, enqueues and sends for a wake-up this host claimed, then sets the recovery's next wake-up.</summary>
    public async Task<(IReadOnlyList<PlannedPost> Planned, IReadOnlyList<SendOutcome> Sent)> ProcessAsync(
        DueWake claimed, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var recovery = await store.GetRecoveryAsync(claimed.Recovery, ct);
        if (recovery is null)
        {
            await index.CompleteAsync(claimed, null, ct);
            return ([], []);
        }
        // One read gives the items still to send, the notices and the plan mark; the mark goes back with the new items.
        var box = await outbox.ReadAsync(recovery.Id, ct);
        var sweepAt = await sweeper.SweepAsync(recovery.Id, box.Plan.SweepAt, box.Plan.SweepDue(now), box.Pending.Select(p => p.DueAt), ct);
        var (plan, planned, planAgainBy, added) = await PlanAsync(recovery, box, sweepAt, now, ct);
        // A post refused as too large to store is parked as failed (its notice is owed to the lead): nothing to send.
        var stored = added.Where(a => a.Added && a.Refused is null).ToList();
        var drained = await sender.DrainAsync(recovery, [.. box.Pending, .. stored.Select(a => a.Item)],
            stored.Where(a => a.Item.LeaseOwner == options.Owner).Select(a => a.Item.Key).ToHashSet(StringComparer.Ordinal), ct);
        await index.CompleteAsync(claimed, Earliest(Earliest(Earliest(plan.NextWake, drained.RetryAt), planAgainBy), plan.SweepAt), ct);
        return (planned, drained.Outcomes);
    }

    /// <summary>What a tick at <paramref name="now"/> would post for <paramref name="r"/>; nothing is written.</summary>
    public async Task<IReadOnlyList<PlannedPost>> PreviewAsync(Recovery r, DateTimeOffset now, TimeSpan lateAfter, CancellationToken ct)
    {
        var box = await outbox.ReadAsync(r.Id, ct);
        var (_, plan, _) = await DecideAsync(r, box.Plan.PlannedThrough, box, now, lateAfter, ct);
        return [.. plan.Due.Select(o => new PlannedPost(r, o, Enqueued: false))];
    }

    /// <summary>
    /// Plans <paramref name="r"/> at <paramref name="now"/> and enqueues what is due together with the new plan mark. The
    /// window never starts before <c>now − CatchUpLimit</c>, whatever the planned-through mark says (<see cref="OutboxSweeper"/>
    /// relies on it). Items that go out in this tick are added with this host's lease, so sending needs no claim.
    /// </summary>
    private async Task<(ScheduleOutcome Plan, IReadOnlyList<PlannedPost> Posts, DateTimeOffset? PlanAgainBy,
        IReadOnlyList<Enqueued> Added)> PlanAsync(
        Recovery r, OutboxBatch box, DateTimeOffset? sweepAt, DateTimeOffset now, CancellationToken ct)
    {
        var state = box.Plan;
        var (input, plan, planAgainBy) = await DecideAsync(r, state.PlannedThrough, box, now, options.LateAfter, ct);
        var items = plan.Due.Select(o => OutboxItem.For(r, o, outbox.Encode(o.Reply), now))
            .Select(item => sender.WouldSendNow(r, item, now)
                ? item with { LeaseOwner = options.Owner, LeaseUntil = now + options.LeaseDuration }
                : item)
            .ToList();
        if (items.Count > 0) sweepAt = Earliest(sweepAt, sweeper.NextFor(items.Min(item => item.DueAt), now));
        var plannedThrough = state.PlannedThrough is { } before && before > plan.PlannedThrough ? before : plan.PlannedThrough;
        var mark = items.Count > 0 || !state.Known || plannedThrough != state.PlannedThrough || sweepAt != state.SweepAt
            ? new PlanMark(plannedThrough, sweepAt)
            : null;
        var added = await outbox.AddAsync(r.Id, items, mark, ct);
        var posts = new List<PlannedPost>();
        foreach (var (item, o) in added.Zip(plan.Due))
        {
            posts.Add(new PlannedPost(r, o, item.Added));
            if (item.Refused is { } refused)
            {
                // Parked as failed: the recovery's other posts go on, and the lead reads why in the next check-in.
                log.NotStored(r.Id, o.Key, refused);
                await outbox.AddNoticeAsync(r.Id, o.Key, ScheduledTexts.Undelivered(o.Kind, o.Key, o.DueAt, r.Zone, refused), ct);
                continue;
            }
            if (item.Added && o.Kind == PostKind.Checkin && input.Notices.Count > 0) await outbox.DeleteNoticesAsync(r.Id, box.Notices, ct);
        }
        return (new ScheduleOutcome(plan.NextWake, sweepAt), posts, zones is null ? null : planAgainBy, added);
    }

    /// <summary>What is due for <paramref name="r"/> at <paramref name="now"/>, on its current state.</summary>
    private async Task<(ScheduleInput Input, SchedulePlan Plan, DateTimeOffset? PlanAgainBy)> DecideAsync(
        Recovery r, DateTimeOffset? plannedThrough, OutboxBatch box, DateTimeOffset now, TimeSpan lateAfter, CancellationToken ct)
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
                log.ZoneUnread(r.Id, ex.Message);
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
