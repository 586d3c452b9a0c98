using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using static RecoveryBot.Core.Tests.Schedule.ScheduleData;

namespace RecoveryBot.Core.Tests.Schedule;

/// <summary>
/// The outbox forgets a key once its occurrence is older than the catch-up window plus <see cref="SchedulePlanner.KeyDrift"/>;
/// that is only safe if no change of settings moves a key's instant further than that.
/// </summary>
public sealed class KeyDriftTests
{
    private static readonly DateTimeOffset Started = Local(Berlin, 2026, 11, 27, 23, 30); // a Friday night

    public static TheoryData<string, int, int> Settings() => new()
    {
        { "Pacific/Kiritimati", 7, 0 },   // UTC+14, check-in before opening
        { "Pacific/Pago_Pago", 18, 59 },  // UTC−11, the last minute before quiet hours
        { "America/New_York", 23, 0 },    // quiet hours: the Friday check-in moves to Monday 08:00
        { "Asia/Tokyo", 12, 0 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void For_SameKeyAfterZoneAndCheckinTimeChange_InstantMovesLessThanKeyDrift(string zone, int hour, int minute)
    {
        var before = Instants(Recovery(Berlin, Started));
        var after = Instants(Recovery(Berlin, Started) with { TimeZone = zone, CheckinTime = new TimeOnly(hour, minute) });

        var shared = before.Keys.Intersect(after.Keys).ToList();
        Assert.Contains("checkin:2026-12-04", shared);
        Assert.Contains("retest:G-2:2026-12-05:2", shared);
        Assert.All(shared, key => Assert.True((after[key] - before[key]).Duration() < SchedulePlanner.KeyDrift,
            $"{key}: {before[key]:O} → {after[key]:O}"));
    }

    [Fact]
    public void For_ClosedAgainLaterTheSameDay_FollowUpMovesLessThanKeyDrift()
    {
        var closed = Recovery(Berlin, Started) with { Phase = RecoveryPhase.Closed, ClosedAt = Local(Berlin, 2026, 12, 4, 0, 5) };

        var first = Instants(closed);
        var again = Instants(closed with { ClosedAt = Local(Berlin, 2026, 12, 4, 23, 55) });

        Assert.Equal(["followup:2026-12-04"], first.Keys);
        Assert.True(again["followup:2026-12-04"] - first["followup:2026-12-04"] < SchedulePlanner.KeyDrift);
    }

    private static Dictionary<string, DateTimeOffset> Instants(Recovery r)
    {
        var input = Input(r with { Phase = r.Phase == RecoveryPhase.Closed ? r.Phase : RecoveryPhase.Triage, OwnershipPostedAt = null, PlanProposedAt = null },
            InProgress(1, new DateOnly(2026, 12, 4), Started),
            FixReady(2, new DateOnly(2026, 12, 5), Started));
        return ScheduleRules.For(input, Started, Started.AddDays(40)).ToDictionary(c => c.Key, c => c.At);
    }
}
