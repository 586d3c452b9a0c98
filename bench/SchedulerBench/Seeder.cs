using System.Diagnostics;
using Azure.Data.Tables;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace SchedulerBench;

/// <summary>
/// Writes the fleet: each recovery is one partition of <c>items</c> gaps (three of them overdue, so a due recovery
/// has three nudges to post), a plan row, and a due-index entry at its next check-in — not due.
/// </summary>
internal sealed class Seeder(IRecoveryStore store, RecoveryBot.Storage.TableStorage storage, int items, bool distinctKeys = false)
{
    public static readonly DateTimeOffset Started = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);   // Mon 09:00 Berlin
    public static readonly DateTimeOffset NextCheckin = new(2026, 12, 11, 15, 0, 0, TimeSpan.Zero); // Fri 16:00 Berlin
    private static readonly UserRef Lead = new("U-lead", "Lena Ortiz");
    private static readonly UserRef Owner = new("U-owner", "Ana Silva");

    public async Task<List<RecoveryId>> SeedAsync(int count, int workers)
    {
        var clock = Stopwatch.StartNew();
        var ids = new RecoveryId[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, ct) =>
        {
            ids[i] = await SeedOneAsync(i, ct);
            if ((i + 1) % 1000 == 0) Console.Error.WriteLine($"  seeded {i + 1}/{count} recoveries ({clock.Elapsed.TotalSeconds:0} s)");
        });
        await IndexAsync(ids, NextCheckin);
        return [.. ids];
    }

    /// <summary>Due-index entries (one partition per hour bucket), written in transactions of 100.</summary>
    public async Task IndexAsync(IReadOnlyList<RecoveryId> ids, DateTimeOffset wakeAt)
    {
        var bucket = wakeAt.UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var chunk in ids.Chunk(100))
        {
            await storage.Schedule.SubmitTransactionAsync(chunk.Select(id => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(bucket, id.Value) { ["WakeAt"] = wakeAt }))).ConfigureAwait(false);
        }
    }

    private async Task<RecoveryId> SeedOneAsync(int i, CancellationToken ct)
    {
        var channel = new ChannelKey("slack", "T-bench", $"C{i:D6}");
        var r = new Recovery
        {
            Id = channel.RecoveryId, Channel = channel, Name = $"bench {i}", TimeZone = "Europe/Berlin", Lead = Lead,
            Phase = RecoveryPhase.Recovery, StartedAt = Started, OwnershipPostedAt = Started, PlanProposedAt = Started,
            NextGapNumber = items + 1,
        };
        var gaps = Enumerable.Range(1, items).Select(n => new Gap
        {
            Id = new GapId(n), Title = $"Item {n} of {r.Name}", Status = GapStatus.InProgress, Owner = Owner,
            // Three items were due last Friday; the rest are due next year. By default they are items 1–3 everywhere, so
            // every recovery's posts share their occurrence keys (RowKeys); with distinctKeys they move along the items.
            Due = Overdue(n, i) ? new DateOnly(2026, 12, 4) : new DateOnly(2027, 3, 1),
            Reporter = Lead, CreatedAt = Started, UpdatedAt = Started,
        }).ToList();
        // A transaction holds 100 rows: the recovery and the first 99 items, then the rest.
        await Commit(new Changeset(r.Id) { RecoveryRow = r, Gaps = gaps[..Math.Min(99, gaps.Count)] }, ct);
        for (var from = 99; from < gaps.Count; from += 100) await Commit(new Changeset(r.Id) { Gaps = gaps[from..Math.Min(from + 100, gaps.Count)] }, ct);
        // The scheduler's plan row (PlanRow, in the recovery's outbox partition): everything up to Monday 09:00 Berlin is
        // planned, and the outbox holds nothing to sweep.
        var plan = new TableEntity(r.Id.Value, "~plan|" + r.Id.Value) { ["PlannedThrough"] = Started.AddDays(7) };
        await storage.Outbox.UpsertEntityAsync(plan, cancellationToken: ct);
        return r.Id;
    }

    private bool Overdue(int n, int i) => distinctKeys ? (n - 1 - i % 90 + items) % items < 3 : n <= 3;

    private async Task Commit(Changeset changes, CancellationToken ct)
    {
        if (await store.CommitAsync(changes, ct) is not CommitResult.Committed) throw new InvalidOperationException("seeding conflicted");
    }
}
