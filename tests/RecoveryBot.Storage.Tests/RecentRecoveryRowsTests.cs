using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Testing;

namespace RecoveryBot.Storage.Tests;

/// <summary>The host's row memory: a gap report is one insert, and reports of one recovery go one at a time.</summary>
public sealed class RecentRecoveryRowsTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly UserRef Lead = new("U-LEAD", "Lena Lead");
    private static readonly UserRef Dev = new("U-DEV", "Dario Dev");
    private readonly InMemoryRecoveryStore store = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private readonly ChannelKey channel = new("slack", "T-ACME", "C-RECOVERY");

    private RecoveryService Host(IRecoveryStore? over = null) => new(over ?? new RecentRecoveryRows(store, time), time, new FixedLinks());

    private static Task<TurnResult> Report(RecoveryService host, ChannelKey channel, string title, GapKind kind = GapKind.Defect) =>
        host.HandleAsync(new Turn(channel, Dev), new ReportCommand(kind, title), Ct);

    [Fact]
    public async Task ReportsAfterTheFirst_ReadNoRecoveryRow_NumbersStillContiguous()
    {
        var host = Host();
        await host.HandleAsync(new Turn(channel, Lead), new StartCommand("Payroll", null), Ct);
        await Report(host, channel, "First");
        var reads = store.RecoveryReads;

        await Report(host, channel, "Second");
        var third = await Report(host, channel, "Third");

        Assert.Equal(reads, store.RecoveryReads);
        Assert.StartsWith("G-3 logged by", third.Lines.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RememberedRowOlderThanItsTime_ReadAgain()
    {
        var host = Host();
        await host.HandleAsync(new Turn(channel, Lead), new StartCommand("Payroll", null), Ct);
        await Report(host, channel, "First");
        var reads = store.RecoveryReads;

        time.Advance(RecentRecoveryRows.RowTtl);
        await Report(host, channel, "Second");

        Assert.True(store.RecoveryReads > reads);
    }

    [Fact]
    public async Task OtherCommands_AlwaysReadTheRowAsStored()
    {
        var host = Host();
        await host.HandleAsync(new Turn(channel, Lead), new StartCommand("Payroll", null), Ct);
        await Report(host, channel, "First");
        var reads = store.RecoveryReads;

        await host.HandleAsync(new Turn(channel, Lead), new FreezeCommand(false), Ct);

        Assert.True(store.RecoveryReads > reads);
    }

    [Fact]
    public async Task AConflict_ForgetsTheRow()
    {
        var rows = new RecentRecoveryRows(store, time);
        var host = Host(rows);
        await host.HandleAsync(new Turn(channel, Lead), new StartCommand("Payroll", null), Ct);
        await Report(host, channel, "First");
        var other = Host(new RecentRecoveryRows(store, time));
        await Report(other, channel, "Elsewhere"); // takes G-2 behind this host's back
        var reads = store.RecoveryReads;

        var mine = await Report(host, channel, "Mine");

        Assert.StartsWith("G-3 logged by", mine.Lines.First(), StringComparison.Ordinal);
        Assert.True(store.RecoveryReads > reads);
    }

    [Fact]
    public async Task ReportsOfOneRecovery_EnterOneAtATime_OtherRecoveriesDoNotWait()
    {
        var rows = new RecentRecoveryRows(store, time);
        var a = new RecoveryId("a");
        var held = await rows.EnterReportAsync(a, Ct);

        var same = rows.EnterReportAsync(a, Ct).AsTask();
        var other = rows.EnterReportAsync(new RecoveryId("b"), Ct).AsTask();

        Assert.True(other.IsCompletedSuccessfully);
        Assert.False(same.IsCompleted);
        held.Dispose();
        held.Dispose(); // a second release must not let two reports in
        var second = await same;
        var third = rows.EnterReportAsync(a, Ct).AsTask();
        Assert.False(third.IsCompleted);
        second.Dispose();
        (await third).Dispose();
    }
}
