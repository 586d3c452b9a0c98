using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Core.Tests.Schedule;

/// <summary>
/// Drives the pure planner the way the scheduler does: plan, post what is due, remember how far the window was
/// consumed, then sleep until the next wake (or a fixed step). The state may change with time.
/// </summary>
internal sealed class PlannerWalk(DateTimeOffset start)
{
    public FakeTimeProvider Time { get; } = new(start);

    public List<Occurrence> Posts { get; } = [];

    /// <summary>Local time of each post, in the recovery's zone.</summary>
    public List<DateTime> LocalTimes { get; } = [];

    private DateTimeOffset since = start;

    private readonly HashSet<string> keys = new(StringComparer.Ordinal);

    public PlannerWalk Until(DateTimeOffset end, Func<DateTimeOffset, ScheduleInput> state, TimeSpan? step = null)
    {
        for (var guard = 0; guard < 100_000; guard++)
        {
            var now = Time.GetUtcNow();
            var input = state(now);
            var plan = SchedulePlanner.Plan(input, since, now);
            // A post in its recipient's own zone may come before the window (its zone was learnt late); none after it.
            Assert.All(plan.Due, o => Assert.True((o.Zone is not null || o.DueAt > since) && o.DueAt <= now, $"{o.Key} outside the window"));
            // As the outbox does, a key planned again is not posted again; only people's own zones plan a key twice.
            var fresh = plan.Due.Where(o => keys.Add(o.Key)).ToList();
            if (input.PersonZones.Count == 0) Assert.Equal(plan.Due.Count, fresh.Count);
            Posts.AddRange(fresh);
            LocalTimes.AddRange(fresh.Select(_ => input.Recovery.Zone.ToLocal(now).DateTime));
            since = plan.PlannedThrough;
            if (now >= end) return this;
            if (plan.NextWake is { } wake) Assert.True(wake > now, "the next wake must lie ahead");
            var target = step is { } s ? now + s : plan.NextWake ?? end;
            Time.SetUtcNow(target < end ? target : end);
        }
        throw new InvalidOperationException("The walk did not reach its end.");
    }

    public PlannerWalk Until(DateTimeOffset end, ScheduleInput input, TimeSpan? step = null) => Until(end, _ => input, step);

    public IEnumerable<string> Keys => Posts.Select(p => p.Key);

    public Occurrence Single(string key) => Assert.Single(Posts, p => p.Key == key);

    public IEnumerable<Occurrence> Of(PostKind kind) => Posts.Where(p => p.Kind == kind);

    public static DateTime LocalOf(Occurrence o, Recovery r) => r.Zone.ToLocal(o.DueAt).DateTime;
}
