using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

/// <summary>Lessons and questions reach the store as the items a turn adds or changes, so each can be a row.</summary>
public sealed class RecoveryListsTests
{
    private static async Task<(Fakes.Scenario S, List<Changeset> Commits)> StartedAsync()
    {
        var s = await Fakes.Scenario.WithGapAsync();
        var commits = new List<Changeset>();
        s.Store.Committing = commits.Add;
        return (s, commits);
    }

    [Fact]
    public async Task Lesson_Added_ChangesetCarriesOnlyTheNewLessonAtItsPlace()
    {
        var (s, commits) = await StartedAsync();
        await s.Say(Lena, "lesson Nobody owned the data migration");

        await s.Say(Max, "lesson Test with real data");

        var added = Assert.Single(Assert.Single(commits.Skip(1)).Lessons);
        Assert.Equal(1, added.Index);
        Assert.Equal("Test with real data", added.Item.Text);
        Assert.Empty(commits[1].Questions);
    }

    [Fact]
    public async Task Question_AskedAgain_ChangesetCarriesTheChangedQuestionOnly()
    {
        var (s, commits) = await StartedAsync();
        await s.Say(Max, "question How do I export?");
        await s.Say(Ana, "question When is the retest?");

        await s.Say(Ravi, "question how do I export");

        var changed = Assert.Single(commits[2].Questions);
        Assert.Equal(0, changed.Index);
        Assert.Equal(2, changed.Item.Count);
        Assert.Empty(commits[2].Lessons);
    }

    [Fact]
    public async Task Lesson_WhenTheListIsFull_RefusedAndNothingIsWritten()
    {
        var s = await Fakes.Scenario.WithGapAsync();
        var r = await s.Recovery();
        var full = r with { Lessons = [.. Enumerable.Range(0, RecoveryLimits.Lessons).Select(i => new Lesson($"L{i}", Lena, r.StartedAt))] };
        Assert.IsType<CommitResult.Committed>(await s.Store.CommitAsync(new Changeset(r.Id) { RecoveryRow = full }, CancellationToken.None));
        var commits = s.Store.Commits;

        var result = await s.Say(Max, "lesson One more");

        Assert.Equal(RecoveryLimits.Full("lessons", RecoveryLimits.Lessons), Assert.Single(result.Lines));
        Assert.Equal(commits, s.Store.Commits);
    }

    [Fact]
    public async Task Turn_WhoseRowsWouldNotFitInStorage_GetsAClearRefusal()
    {
        var (s, _) = await StartedAsync();
        s.Store.Committing = _ => throw new StoreTooLargeException("recovery", "Milestones holds 40000 characters, more than the 32768 a stored text can have");

        var result = await s.Say(Lena, "milestone 2026-12-20 Exports fixed");

        var line = Assert.Single(result.Lines);
        Assert.StartsWith("That is more than this recovery can store (recovery: Milestones holds 40000 characters", line, StringComparison.Ordinal);
        Assert.IsType<RecoveryBot.Core.Views.Outcome.Refused>(result.Outcome);
    }
}
