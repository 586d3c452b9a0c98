using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Storage.Scheduling;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests.Scheduling;

/// <summary>
/// Schedulers against real Azurite tables (a fresh prefix per test) on a shared fake clock. Recoveries start on
/// Monday 30 Nov 2026, 09:00 Berlin; a "week" runs to Sunday noon, so nothing is cut off by the end of the walk.
/// </summary>
public abstract class SchedulerTestBase(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    protected static readonly CancellationToken Ct = CancellationToken.None;
    protected static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset WeekEnd = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    internal FakeTimeProvider Time { get; } = new(Start);

    internal RecordingPoster Poster => poster ??= new RecordingPoster(Time);

    private RecordingPoster? poster;

    internal TableScheduleIndex Index => new(Storage, Time, NullLogger<TableScheduleIndex>.Instance);

    internal TableOutbox Outbox => new(Storage);

    /// <summary>
    /// A new scheduler instance, as a new host (or a restarted one) would build it: Core's runner over the table ports,
    /// of <paramref name="storage"/> when given (else the test's tables).
    /// </summary>
    internal SchedulerRunner NewRunner(string owner, IChannelPoster? channel = null, Action<SchedulerOptions>? configure = null,
        TableStorage? storage = null, IPersonZones? zones = null)
    {
        var options = new SchedulerOptions { InstanceId = owner };
        configure?.Invoke(options);
        storage ??= Storage;
        return new SchedulerRunner(new TableScheduleIndex(storage, Time, NullLogger<TableScheduleIndex>.Instance), new TableOutbox(storage),
            Store, [channel ?? Poster], options, Time, new TableStoreFailures(), zones: zones);
    }

    /// <summary>Stores the recovery and its gaps and wakes the scheduler for it, as the start turn does.</summary>
    internal async Task<Recovery> SeedAsync(Recovery r, params Gap[] gaps)
    {
        var committed = await Store.CommitAsync(new Changeset(r.Id) { RecoveryRow = r, Gaps = gaps }, Ct);
        Assert.IsType<CommitResult.Committed>(committed);
        await Index.WakeAsync(r.Id, Ct);
        return (await Store.GetRecoveryAsync(r.Id, Ct))!;
    }

    /// <summary>Every runner ticks at once, each <paramref name="step"/>, until <paramref name="end"/> (inclusive).</summary>
    internal async Task TickUntilAsync(DateTimeOffset end, TimeSpan step, params SchedulerRunner[] runners)
    {
        while (true)
        {
            await Task.WhenAll(runners.Select(r => Task.Run(() => r.RunOnceAsync(Ct))));
            if (Time.GetUtcNow() >= end) return;
            var next = Time.GetUtcNow() + step;
            Time.SetUtcNow(next < end ? next : end);
        }
    }

    internal async Task<OutboxRow> RowAsync(RecoveryId id, string key) =>
        await Outbox.GetAsync(id, key, Ct) ?? throw new InvalidOperationException($"no outbox row {key}");

    internal static Recovery Recovery(string zone, string conversation)
    {
        var channel = new ChannelKey("slack", "T-ACME", conversation);
        return new Recovery
        {
            Id = channel.RecoveryId,
            Channel = channel,
            Name = "Quotes rollout " + zone,
            TimeZone = zone,
            Lead = Lead,
            Approver = Approver,
            Phase = RecoveryPhase.Recovery,
            StartedAt = Start,
            OwnershipPostedAt = Start.AddHours(2),
            PlanProposedAt = Start.AddHours(3),
            PlanApprovedAt = Start.AddHours(4),
            NextGapNumber = 3,
        };
    }

    internal static readonly UserRef Lead = new("U-LENA", "Lena Ortiz");
    internal static readonly UserRef Approver = new("U-DANA", "Dana Ruiz");
    internal static readonly UserRef Owner = new("U-ANA", "Ana Silva");
    internal static readonly UserRef Retester = new("U-RAVI", "Ravi Mehta");

    /// <summary>G-1 in progress, due Tue 1 Dec (nudge Wed 09:30, escalation Fri 09:30); G-2 fix ready, retest Thu 3 Dec 10:00.</summary>
    internal static Gap[] WeekGaps() =>
    [
        new Gap
        {
            Id = new GapId(1), Title = "Quotes fail on mobile", Status = GapStatus.InProgress, Owner = Owner,
            Due = new DateOnly(2026, 12, 1), Reporter = Lead, CreatedAt = Start, UpdatedAt = Start,
        },
        new Gap
        {
            Id = new GapId(2), Title = "Export drops umlauts", Status = GapStatus.FixReady, Owner = Owner,
            Due = new DateOnly(2026, 12, 2), Retester = Retester, RetestDate = new DateOnly(2026, 12, 3), FixReadyAt = Start,
            Reporter = Lead, CreatedAt = Start, UpdatedAt = Start,
        },
    ];

    internal static readonly string[] WeekKeys =
        ["overdue:G-1:2026-12-01:nudge", "retest:G-2:2026-12-03:1", "overdue:G-1:2026-12-01:escalate", "checkin:2026-12-04"];

    /// <summary>Which occurrence a post was, read back from the outbox row the poster was called for.</summary>
    internal async Task<List<string>> PostedKeysAsync(RecoveryId id)
    {
        var keys = new List<string>();
        foreach (var key in WeekKeys.Concat(["retest:G-2:2026-12-03:2", "retest:G-2:2026-12-03:lead", "watch:ownership", "watch:plan"]))
        {
            if (await Outbox.GetAsync(id, key, Ct) is { Status: OutboxRow.Sent } row) keys.Add(row.RowKey);
        }
        return keys;
    }
}
