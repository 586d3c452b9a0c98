using RecoveryBot.Core.Model;
using RecoveryBot.Core.Tests.Fakes;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Verdict_ItemChangedMeanwhile_LoserGetsConflictReplyAndNothingLost()
    {
        var s = await FixReadyAsync();
        var before = await s.Gap(1);
        // Someone else's update lands between our read and our commit.
        s.Store.BeforeCommit = () =>
        {
            s.Store.BeforeCommit = null;
            s.Store.Overwrite(s.Id, before with { TrainingNote = "session booked" });
        };
        var result = await s.Say(Ravi, "works G-1");
        Assert.StartsWith("G-1 changed while you were acting", result.Lines.First(), StringComparison.Ordinal);
        Assert.Contains(result.Replies, r => r is Reply.Card c && c.Doc.Title.StartsWith("G-1 ", StringComparison.Ordinal));
        var g = await s.Gap(1);
        Assert.Equal("session booked", g.TrainingNote);
        Assert.Equal(GapStatus.FixReady, g.Status);
    }

    [Fact]
    public async Task Report_Concurrent_IdsSequentialWithoutGapsOrDuplicates()
    {
        var s = await WithGapAsync();
        var reports = Enumerable.Range(0, 40).Select(i => Task.Run(() => s.Say(Max, $"gap Problem {i}")));
        await Task.WhenAll(reports);
        var ids = (await s.Store.ListGapsAsync(s.Id, CancellationToken.None)).Select(g => g.Id.Number).ToList();
        Assert.Equal(Enumerable.Range(1, 41), ids);
    }

    [Fact]
    public async Task Click_StaleRevision_ChangesNothing()
    {
        var s = await FixReadyAsync();
        var g = await s.Gap(1);
        var result = await s.Click(Ravi, CardVerbs.Works, g.Id, null, g.Revision - 1);
        Assert.StartsWith("This card is out of date", result.Lines.First(), StringComparison.Ordinal);
        Assert.Equal(GapStatus.FixReady, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task Click_CurrentRevisionByRetester_Verifies()
    {
        var s = await FixReadyAsync();
        var g = await s.Gap(1);
        await s.Click(Ravi, CardVerbs.Works, g.Id, null, g.Revision);
        Assert.Equal(GapStatus.Verified, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task Click_ForgedByOtherUser_RefusedByRole()
    {
        var s = await FixReadyAsync();
        var g = await s.Gap(1);
        var result = await s.Click(Max, CardVerbs.Works, g.Id, null, g.Revision);
        Assert.Contains("Only the retester of G-1", Assert.Single(result.Lines), StringComparison.Ordinal);
        Assert.Equal(GapStatus.FixReady, (await s.Gap(1)).Status);
    }

    [Theory]
    [InlineData("drop-tables")]
    [InlineData("")]
    public async Task Click_UnknownVerb_RefusedPlainly(string verb)
    {
        var s = await FixReadyAsync();
        var result = await s.Click(Ravi, verb, new GapId(1), null, 0);
        Assert.Equal("That button is not one RecoveryBot knows; nothing was changed.", Assert.Single(result.Lines));
    }

    [Fact]
    public async Task Click_BrokenWithoutNote_AsksForNote()
    {
        var s = await FixReadyAsync();
        var g = await s.Gap(1);
        var result = await s.Click(Ravi, CardVerbs.Broken, g.Id, null, g.Revision);
        Assert.Contains("Say what still breaks", Assert.Single(result.Lines), StringComparison.Ordinal);
        Assert.Equal(GapStatus.FixReady, (await s.Gap(1)).Status);
    }

    [Fact]
    public async Task Store_Unavailable_SaysNothingChanged()
    {
        var store = new Mock<RecoveryBot.Core.App.IRecoveryStore>();
        store.Setup(x => x.GetRecoveryAsync(It.IsAny<RecoveryId>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RecoveryBot.Core.App.StoreUnavailableException("down"));
        var service = new RecoveryBot.Core.App.RecoveryService(store.Object, TimeProvider.System, new FixedLinks());
        var result = await service.HandleAsync(new RecoveryBot.Core.App.Turn(new ChannelKey("slack", "T", "C"), Max),
            new RecoveryBot.Core.Commands.LogCommand(RecoveryBot.Core.Commands.LogFilter.Open), CancellationToken.None);
        Assert.Equal(RecoveryBot.Core.App.RecoveryService.Unavailable, Assert.Single(result.Lines));
        store.Verify(x => x.CommitAsync(It.IsAny<RecoveryBot.Core.App.Changeset>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}

public sealed class ReportCommitTests
{
    [Theory]
    [InlineData("freeze off", true)]
    [InlineData("gap Second problem", false)]
    [InlineData("assign G-1 @Ana fri", false)]
    [InlineData("settings checkin thu 15:00", false)]
    public async Task Commit_FencesReports_OnlyWhenPhaseOrFreezeMoves(string command, bool fences)
    {
        var s = await WithGapAsync();
        var revision = (await s.Store.GetRecoveryAsync(s.Id, CancellationToken.None))!.Revision;
        RecoveryBot.Core.App.Changeset? written = null;
        s.Store.Committing = c => written = c;
        await s.Say(Lena, command.Replace("@Ana", Mention(Ana), StringComparison.Ordinal));
        Assert.NotNull(written);
        Assert.Equal(fences, written.FencesReports);
        Assert.Equal(revision, written.DecidedOn);
    }

    [Fact]
    public async Task Report_WritesTheGapRowAlone()
    {
        var s = await WithGapAsync();
        var before = await s.Store.GetRecoveryAsync(s.Id, CancellationToken.None);
        RecoveryBot.Core.App.Changeset? written = null;
        s.Store.Committing = c => written = c;
        var result = await s.Say(Max, "gap Second problem");
        Assert.NotNull(written);
        Assert.Null(written.RecoveryRow);
        Assert.Empty(written.Events);
        Assert.Equal(new GapId(2), Assert.Single(written.Gaps).Id);
        Assert.Equal(before!.Version, (await s.Store.GetRecoveryAsync(s.Id, CancellationToken.None))!.Version);
        Assert.StartsWith("G-2 logged by", result.Lines.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_AnotherHostTookTheNumbers_NextFreeNumberWithoutHoles()
    {
        var s = await WithGapAsync();
        await s.Say(Max, "gap Second problem"); // this host now knows G-3 is next
        var other = new RecoveryBot.Core.App.RecoveryService(s.Store, s.Time, new FixedLinks());
        for (var i = 0; i < 3; i++)
        {
            await other.HandleAsync(new RecoveryBot.Core.App.Turn(s.Channel, Max), new RecoveryBot.Core.Commands.ReportCommand(GapKind.Defect, $"Other host {i}"), CancellationToken.None);
        }
        var result = await s.Say(Max, "gap Back on this host");
        Assert.StartsWith("G-6 logged by", result.Lines.First(), StringComparison.Ordinal);
        var ids = (await s.Store.ListGapsAsync(s.Id, CancellationToken.None)).Select(g => g.Id.Number);
        Assert.Equal(Enumerable.Range(1, 6), ids);
    }

    [Fact]
    public async Task Report_TwoHostsAtOnce_IdsContiguous()
    {
        var s = await WithGapAsync();
        var other = new RecoveryBot.Core.App.RecoveryService(s.Store, s.Time, new FixedLinks());
        var mine = Enumerable.Range(0, 20).Select(i => Task.Run(() => s.Say(Max, $"gap Here {i}")));
        var theirs = Enumerable.Range(0, 20).Select(i => Task.Run(() => other.HandleAsync(
            new RecoveryBot.Core.App.Turn(s.Channel, Max), new RecoveryBot.Core.Commands.ReportCommand(GapKind.Defect, $"There {i}"), CancellationToken.None)));
        await Task.WhenAll([.. mine, .. theirs]);
        var gaps = await s.Store.ListGapsAsync(s.Id, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 41), gaps.Select(g => g.Id.Number));
        Assert.Equal(41, gaps.Select(g => g.Title).Distinct().Count());
    }

    [Fact]
    public async Task Show_ReportedLineComesFromTheGapRow()
    {
        var s = await WithGapAsync();
        var result = await s.Say(Max, "show G-1");
        var card = Assert.Single(result.Replies.OfType<Reply.Card>()).Doc;
        var first = card.Sections.Single(s => s.Heading!.StartsWith("History", StringComparison.Ordinal)).Lines[^1];
        Assert.Contains("Max Weber: reported", first, StringComparison.Ordinal);
        var g = await s.Gap(1);
        Assert.EndsWith($"{g.Reporter.Name}: reported → {g.Title} (defect)", first, StringComparison.Ordinal);
    }
}
