using Azure.Data.Tables;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

/// <summary>Rows are written without their empty columns, and a replace still clears what became empty.</summary>
public sealed class CompactRowTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task NewGap_StoredWithoutEmptyColumns()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.NewGap(8)] }, Ct);

        var raw = (await Storage.Recoveries.GetEntityAsync<TableEntity>(recovery.Id.Value, "g|0000000008", cancellationToken: Ct)).Value;

        Assert.DoesNotContain("Owner", raw.Keys);
        Assert.DoesNotContain("Expected", raw.Keys);
        Assert.Equal("Gap 8", raw.GetString("Title"));
    }

    [Fact]
    public async Task Replace_ColumnThatBecameEmpty_IsCleared()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [TestData.Gap(8) with { Version = null }] }, Ct);
        var stored = (await Store.GetGapAsync(recovery.Id, new GapId(8), Ct))!;
        Assert.NotNull(stored.Owner);

        var cleared = stored with { Owner = null, Due = null, TrainingNote = null, VerifiedAt = null };
        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [cleared] }, Ct));

        var read = (await Store.GetGapAsync(recovery.Id, new GapId(8), Ct))!;
        Assert.Equal((null, null, null, null), (read.Owner, read.Due, read.TrainingNote, read.VerifiedAt));
        Assert.Equal(stored.Title, read.Title);
        Assert.Equal(stored.Retester, read.Retester);
    }
}
