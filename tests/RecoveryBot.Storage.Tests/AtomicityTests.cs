using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

public sealed class AtomicityTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Commit_SecondOperationConflicts_WritesNothing()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(1)] }, Ct);
        var stale = (await Store.GetGapAsync(recovery.Id, new GapId(1), Ct))!;
        await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [stale with { Title = "moved on" }] }, Ct);

        var result = await Store.CommitAsync(new Changeset(recovery.Id)
        {
            RecoveryRow = recovery with { NextGapNumber = 99 },
            Gaps = [stale with { Title = "lost update" }, TestData.NewGap(2)],
            Events = [TestData.Event(2, TestData.T0)],
        }, Ct);

        Assert.Equal(new CommitResult.Conflict("G-1"), result);
        Assert.Equal(recovery.Version, (await Store.GetRecoveryAsync(recovery.Id, Ct))!.Version);
        Assert.Equal("moved on", (await Store.GetGapAsync(recovery.Id, new GapId(1), Ct))!.Title);
        Assert.Null(await Store.GetGapAsync(recovery.Id, new GapId(2), Ct));
        Assert.Empty(await Store.GetHistoryAsync(recovery.Id, new GapId(2), 10, Ct));
    }

    [Fact]
    public async Task Insert_OfExistingRow_ConflictNamesIt()
    {
        var recovery = TestData.Recovery();
        await Store.CommitAsync(new Changeset(recovery.Id) { RecoveryRow = recovery, ChangeRequests = [TestData.ChangeRequest(2)] }, Ct);

        Assert.Equal(new CommitResult.Conflict("recovery"), await Store.CommitAsync(new Changeset(recovery.Id) { RecoveryRow = recovery }, Ct));
        Assert.Equal(new CommitResult.Conflict("CR-2"), await Store.CommitAsync(
            new Changeset(recovery.Id) { Gaps = [TestData.NewGap(1)], ChangeRequests = [TestData.ChangeRequest(2)] }, Ct));
        Assert.Null(await Store.GetGapAsync(recovery.Id, new GapId(1), Ct));
    }

    [Fact]
    public async Task Update_OfMissingRow_IsConflict()
    {
        var id = TestData.Recovery().Id;
        var ghost = TestData.NewGap(3) with { Version = "W/\"datetime'2025-01-01T00%3A00%3A00.0000000Z'\"" };

        Assert.Equal(new CommitResult.Conflict("G-3"), await Store.CommitAsync(new Changeset(id) { Gaps = [ghost] }, Ct));
    }

    [Fact]
    public async Task Commit_MoreThan100Operations_Throws()
    {
        var id = TestData.Recovery().Id;
        var changes = new Changeset(id) { Events = [.. Enumerable.Range(0, 101).Select(i => TestData.Event(1, TestData.T0.AddSeconds(i)))] };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Store.CommitAsync(changes, Ct));
        Assert.Contains("101", ex.Message, StringComparison.Ordinal);
        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(changes with { Events = changes.Events.Take(100).ToList() }, Ct));
    }

    [Fact]
    public async Task Commit_MalformedChangeset_Throws()
    {
        var recovery = TestData.Recovery();
        var other = TestData.Recovery();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.CommitAsync(new Changeset(other.Id) { RecoveryRow = recovery }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(1), TestData.Gap(1)] }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(0)] }, Ct));
    }

    [Fact]
    public async Task Commit_WhenTableWasDropped_CreatesItAndWrites()
    {
        await Storage.Recoveries.DeleteAsync();
        var recovery = TestData.Recovery();

        // Azurite deletes tables at once; the real service may answer 409 TableBeingDeleted for a while.
        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(new Changeset(recovery.Id) { RecoveryRow = recovery }, Ct));
        Assert.NotNull(await Store.GetRecoveryAsync(recovery.Id, Ct));
    }
}
