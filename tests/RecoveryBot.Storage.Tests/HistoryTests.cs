using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

public sealed class HistoryTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task GetHistory_ReturnsNewestFirst_OnlyForThatGap()
    {
        var id = TestData.Recovery().Id;
        var t = TestData.T0;
        // Written out of order and interleaved with other gaps and recovery-level events.
        await Store.CommitAsync(new Changeset(id) { Events = [TestData.Event(7, t.AddMinutes(1), "b"), TestData.Event(8, t.AddMinutes(5), "x")] }, Ct);
        await Store.CommitAsync(new Changeset(id) { Events = [TestData.Event(7, t.AddMinutes(9), "c"), TestData.Event(null, t.AddMinutes(2), "r1")] }, Ct);
        await Store.CommitAsync(new Changeset(id) { Events = [TestData.Event(7, t, "a"), TestData.Event(70, t.AddDays(1), "y")] }, Ct);
        await Store.CommitAsync(new Changeset(id) { Events = [TestData.Event(null, t.AddMinutes(3), "r2")] }, Ct);

        Assert.Equal(["c", "b", "a"], (await Store.GetHistoryAsync(id, new GapId(7), 10, Ct)).Select(e => e.What));
        Assert.Equal(["x"], (await Store.GetHistoryAsync(id, new GapId(8), 10, Ct)).Select(e => e.What));
        Assert.Equal(["y"], (await Store.GetHistoryAsync(id, new GapId(70), 10, Ct)).Select(e => e.What));
        Assert.Equal(["r2", "r1"], (await Store.GetHistoryAsync(id, null, 10, Ct)).Select(e => e.What));
        // The whole recovery's history, gaps' and its own, oldest first: what the summary's numbers read.
        Assert.Equal(["a", "b", "r1", "r2", "x", "c", "y"], (await Store.ListHistoryAsync(id, Ct)).Select(e => e.What));
    }

    [Fact]
    public async Task GetHistory_Max_ReturnsTheNewest()
    {
        var id = TestData.Recovery().Id;
        var events = Enumerable.Range(0, 30).Select(i => TestData.Event(3, TestData.T0.AddSeconds(i), "e" + i)).ToList();
        await Store.CommitAsync(new Changeset(id) { Events = events }, Ct);

        Assert.Equal(["e29", "e28", "e27"], (await Store.GetHistoryAsync(id, new GapId(3), 3, Ct)).Select(e => e.What));
        Assert.Empty(await Store.GetHistoryAsync(id, new GapId(3), 0, Ct));
    }

    [Fact]
    public async Task GetHistory_SameInstant_LaterEventOfTheChangesetFirst()
    {
        var id = TestData.Recovery().Id;
        await Store.CommitAsync(new Changeset(id)
        {
            Events = [TestData.Event(5, TestData.T0, "first"), TestData.Event(5, TestData.T0, "second"), TestData.Event(5, TestData.T0, "third")],
        }, Ct);

        Assert.Equal(["third", "second", "first"], (await Store.GetHistoryAsync(id, new GapId(5), 10, Ct)).Select(e => e.What));
    }
}
