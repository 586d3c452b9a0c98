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
        var state = await index.PlanStateAsync(recovery.Id, ct);
        var (plan, planned, planAgainBy) = await PlanAsync(recovery, state?.PlannedThrough, now, write: true, lateAfter: null, ct);
        var drained = await sender.DrainAsync(recovery, ct);
        var sweep = await sweeper.SweepAsync(recovery.Id, state?.SweepAt, ct);
        await index.CompleteAsync(claimed, Earliest(Earliest(Earliest(plan.NextWake, drained.RetryAt), sweep), planAgainBy), ct);
        return (planned, drained.Outcomes);
    }

    /// <summary>What a tick at <paramref name="now"/> would post for <paramref name="r"/>; nothing is written.</summary>
    public async Task<IReadOnlyList<PlannedPost>> PreviewAsync(Recovery r, DateTimeOffset now, TimeSpan lateAfter, CancellationToken ct)
    {
        var state = await index.PlanStateAsync(r.Id, ct);
        return (await PlanAsync(r, state?.PlannedThrough, now, write: false, lateAfter, ct)).Posts;
    }

    /// <summary>
    /// What is due for <paramref name="r"/> at <paramref name="now"/>; with <paramref name="write"/>, enqueued. The window
    /// never starts before <c>now − CatchUpLimit</c>, whatever the planned-through mark says (<see cref="OutboxSweeper"/> relies on it).
    /// </summary>
    private async Task<(SchedulePlan Plan, IReadOnlyList<PlannedPost> Posts, DateTimeOffset? PlanAgainBy)> PlanAsync(
        Recovery r, DateTimeOffset? plannedThrough, DateTimeOffset now, bool write, TimeSpan? lateAfter, CancellationToken ct)
    {
        lateAfter ??= options.LateAfter;
        var since = Latest(Latest(plannedThrough ?? r.StartedAt, r.StartedAt), now - options.CatchUpLimit);
        var gaps = await store.ListGapsAsync(r.Id, ct);
        var input = new ScheduleInput(r, gaps, []);
        var wanted = SchedulePlanner.PeopleWithZones(input, since, now);
        input = input with { PersonZones = await ZonesAsync(r, wanted.People, ct) };
        var plan = SchedulePlanner.Plan(input, since, now, lateAfter);
        List<NoticeEntity> notices = [];
        if (plan.Due.Any(o => o.Kind == PostKind.Checkin))
        {
            // Only a check-in needs the change requests, the log link and the notices owed to the lead.
            notices = await outbox.NoticesAsync(r.Id, ct);
            input = input with
            {
                Changes = await store.ListChangeRequestsAsync(r.Id, ct),
                LogLink = links?.LogUrl(r),
                History = await store.ListHistoryAsync(r.Id, ct),
                Notices = [.. notices.Select(n => n.Text)],
            };
            plan = SchedulePlanner.Plan(input, since, now, lateAfter);
        }
        if (!write) return (plan, [.. plan.Due.Select(o => new PlannedPost(r, o, Enqueued: false))], wanted.PlanAgainBy);

        var posts = new List<PlannedPost>();
        foreach (var o in plan.Due)
        {
            var (added, refused) = await outbox.EnqueueAsync(r, o, now, ct);
            posts.Add(new PlannedPost(r, o, added));
            if (refused is not null)
            {
                // Parked as failed: the recovery's other posts go on, and the lead reads why in the next check-in.
                log.LogWarning("Scheduled post {Key} for {Recovery} cannot be stored and is not posted: {Reason}", o.Key, r.Id, refused);
                await outbox.AddNoticeAsync(r.Id, o.Key, ScheduledTexts.Undelivered(o.Kind, o.Key, o.DueAt, r.Zone, refused), ct);
                continue;
            }
            if (added && o.Kind == PostKind.Checkin && notices.Count > 0) await outbox.DeleteAsync(notices, ct);
        }
        if (plannedThrough is null || plan.PlannedThrough > plannedThrough)
        {
            await index.SetPlannedThroughAsync(r.Id, plan.PlannedThrough, ct);
        }
        return (plan, posts, zones is null ? null : wanted.PlanAgainBy);
    }

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
