using System.Diagnostics;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

/// <summary>Runs its own Azurite (on disk, so a restart keeps the data) because it stops it mid-test.</summary>
public sealed class OutageTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Commit_WhileAzuriteIsDown_ThrowsStoreUnavailable_AndLeavesNoPartialRows()
    {
        using var azurite = await StartAsync();
        var storage = StoreTestBase.CreateStorage(azurite.ConnectionString, AzuriteFixture.UniquePrefix(), o =>
        {
            o.MaxRetries = 2;
            o.RetryDelay = TimeSpan.FromMilliseconds(20);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(100);
            o.NetworkTimeout = TimeSpan.FromSeconds(2);
        });
        var store = new TableRecoveryStore(storage);
        await storage.EnsureTablesAsync(Ct);
        var recovery = await TestData.SeedAsync(store, TestData.Recovery() with { NextGapNumber = 1 });
        Assert.IsType<CommitResult.Committed>(await store.CommitAsync(Report(recovery, 1), Ct));
        recovery = (await store.GetRecoveryAsync(recovery.Id, Ct))!;

        await azurite.StopAsync();
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.CommitAsync(Report(recovery, 2), Ct));
        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetGapAsync(recovery.Id, new GapId(1), Ct));
        clock.Stop();

        Assert.Equal("storage is unavailable, nothing was changed", ex.Message);
        Assert.NotNull(ex.InnerException);
        Assert.Equal("storage is unavailable", read.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"giving up took {clock.Elapsed}");

        await azurite.RestartAsync();
        Assert.Equal(recovery.Version, (await store.GetRecoveryAsync(recovery.Id, Ct))!.Version);
        Assert.Equal([1], (await store.ListGapsAsync(recovery.Id, Ct)).Select(g => g.Id.Number));
        Assert.Empty(await store.GetHistoryAsync(recovery.Id, new GapId(2), 10, Ct));
        Assert.Single(await store.GetHistoryAsync(recovery.Id, new GapId(1), 10, Ct));
        Assert.IsType<CommitResult.Committed>(await store.CommitAsync(Report(recovery, 2), Ct));
    }

    [Fact]
    public async Task CheckAsync_WhenAzuriteIsDown_ReportsTheReason()
    {
        using var azurite = await StartAsync();
        var storage = StoreTestBase.CreateStorage(azurite.ConnectionString, AzuriteFixture.UniquePrefix(), o => o.MaxRetries = 0);
        await storage.EnsureTablesAsync(Ct);
        Assert.Equal(StorageReadiness.Ready, await storage.CheckAsync(Ct));

        await azurite.StopAsync();
        var down = await storage.CheckAsync(Ct);

        Assert.False(down.IsReady);
        Assert.StartsWith("storage unreachable", down.Reason, StringComparison.Ordinal);
    }

    private static Changeset Report(Recovery recovery, int number) => new(recovery.Id)
    {
        RecoveryRow = recovery with { NextGapNumber = number + 1 },
        Gaps = [TestData.NewGap(number)],
        Events = [TestData.Event(number, TestData.T0, "reported")],
    };

    private static async Task<AzuriteProcess> StartAsync()
    {
        try
        {
            return await AzuriteProcess.StartAsync(inMemory: false);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException("The outage tests need their own Azurite: " + ex.Message, ex);
        }
    }
}
