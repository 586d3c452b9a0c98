using System.Collections.Immutable;
using Azure.Data.Tables;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;
using RecoveryBot.Storage.Entities;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.Storage.Tests;

/// <summary>Text in any script up to every input limit fits Table Storage; what would not fit is refused before sending.</summary>
public sealed class SizeLimitTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>Chinese text of exactly <paramref name="length"/> characters.</summary>
    internal static string Cjk(int length, int seed = 0) =>
        string.Concat(Enumerable.Range(0, length).Select(i => (char)('\u4E00' + (i * 7 + seed) % 0x5000)));

    [Fact]
    public async Task Commit_CjkTextAtEveryInputLimit_StoredAsUtf8AndRoundTrips()
    {
        var note = Cjk(TextLimits.Note);
        var recovery = TestData.Recovery() with
        {
            Name = Cjk(TextLimits.Title),
            Ownership = new OwnershipMessage(note, Cjk(TextLimits.Note, 1), Cjk(TextLimits.Note, 2), Cjk(TextLimits.Note, 3), TestData.Lead, TestData.T0),
            EscalationPath = Cjk(TextLimits.Note, 4),
            Milestones = [.. Enumerable.Range(0, RecoveryLimits.Milestones).Select(i => new Milestone(new DateOnly(2025, 4, 1).AddDays(i), Cjk(TextLimits.Title, i)))],
            Lessons = [.. Enumerable.Range(0, 40).Select(i => new Lesson(Cjk(TextLimits.Note, i), TestData.Dev, TestData.T0))],
            Questions = [.. Enumerable.Range(0, 40).Select(i => new Question(Cjk(TextLimits.Note, 100 + i), 2, TestData.T0, TestData.T0))],
        };
        var gap = TestData.Gap(7) with
        {
            Title = Cjk(TextLimits.Title), Expected = note, Actual = note, Impact = note, Affected = note, TrainingNote = note,
            BrokenNote = note, DeclineReason = note,
        };

        var result = await Store.CommitAsync(new Changeset(recovery.Id) { RecoveryRow = recovery, Gaps = [gap] }, Ct);

        Assert.IsType<CommitResult.Committed>(result);
        Same.Recovery(recovery, await Store.GetRecoveryAsync(recovery.Id, Ct));
        Same.Gap(gap, await Store.GetGapAsync(recovery.Id, gap.Id, Ct));
        var raw = (await Storage.Recoveries.GetEntityAsync<TableEntity>(recovery.Id.Value, RowKeys.Recovery, cancellationToken: Ct)).Value;
        var milestones = raw.GetString(nameof(RecoveryEntity.Milestones));
        // Kept as the characters themselves: escaped, the same milestones would take six times the space.
        Assert.Contains(recovery.Milestones[0].Text, milestones, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", milestones, StringComparison.Ordinal);
        Assert.True(milestones.Length < TableLimits.MaxStringChars, $"{milestones.Length} characters");
    }

    [Fact]
    public async Task Commit_TextLongerThanAColumnHolds_RefusedBeforeAnythingIsSent()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        var gap = TestData.NewGap(9) with { Expected = Cjk(TableLimits.MaxStringChars + 1) };

        var refused = await Assert.ThrowsAsync<StoreTooLargeException>(() =>
            Store.CommitAsync(new Changeset(recovery.Id) { Gaps = [gap] }, Ct));

        Assert.Equal("G-9", refused.What);
        Assert.Contains("Expected", refused.Reason, StringComparison.Ordinal);
        Assert.Null(await Store.GetGapAsync(recovery.Id, gap.Id, Ct));
    }

    [Fact]
    public async Task Lessons_FarBeyondWhatOneColumnHeld_AreRowsAndAllReadBack()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery() with { Lessons = [], Questions = [] });
        const int count = 60; // 60 × 1,000 characters: almost twice what the old column could hold, even unescaped
        for (var i = 0; i < count; i++)
        {
            var current = (await Store.GetRecoveryAsync(recovery.Id, Ct))!;
            var lesson = new Lesson(Cjk(TextLimits.Note, i), TestData.Dev, TestData.T0.AddMinutes(i));
            var next = current with { Lessons = current.Lessons.Add(lesson), Revision = current.Revision + 1 };
            var result = await Store.CommitAsync(new Changeset(recovery.Id)
            {
                RecoveryRow = next,
                Lessons = [new Indexed<Lesson>(i, lesson)],
            }, Ct);
            Assert.IsType<CommitResult.Committed>(result);
        }

        var read = (await Store.GetRecoveryAsync(recovery.Id, Ct))!;

        Assert.Equal(count, read.Lessons.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => Cjk(TextLimits.Note, i)), read.Lessons.Select(l => l.Text));
        Assert.True(count * TextLimits.Note > TableLimits.MaxStringChars);
    }

    [Fact]
    public async Task GetRecovery_RowWrittenBeforeListsWereRows_MovesThemToRowsAndLosesNothing()
    {
        var recovery = TestData.Recovery() with
        {
            Lessons = [new Lesson("Test with real data", TestData.Dev, TestData.T0), new Lesson("Ask payroll first", TestData.Lead, TestData.T0)],
            Questions = [new Question("When is the retest?", 3, TestData.T0, TestData.T0.AddHours(5))],
        };
        // The old layout: both lists as JSON in columns of the recovery row, with each non-ASCII character escaped.
        var old = RecoveryEntity.From(recovery);
        old.LessonCount = null;
        old.QuestionCount = null;
        old.Lessons = "[{\"text\":\"Test with real data\",\"by\":{\"id\":\"U-dev\",\"name\":\"Dario Dev\"},\"at\":\"2025-03-04T09:30:15.1234567+02:00\"}," +
            "{\"text\":\"Ask payroll first\",\"by\":{\"id\":\"U-lead\",\"name\":\"Lena Lead\"},\"at\":\"2025-03-04T09:30:15.1234567+02:00\"}]";
        old.Questions = "[{\"text\":\"When is the retest?\",\"count\":3,\"firstAsked\":\"2025-03-04T09:30:15.1234567+02:00\",\"lastAsked\":\"2025-03-04T14:30:15.1234567+02:00\"}]";
        await Storage.Recoveries.AddEntityAsync(CompactRow.From(old), Ct);

        var read = await Store.GetRecoveryAsync(recovery.Id, Ct);

        Same.Recovery(recovery, read);
        var raw = (await Storage.Recoveries.GetEntityAsync<TableEntity>(recovery.Id.Value, RowKeys.Recovery, cancellationToken: Ct)).Value;
        Assert.False(raw.ContainsKey(nameof(RecoveryEntity.Lessons)));
        Assert.False(raw.ContainsKey(nameof(RecoveryEntity.Questions)));
        Assert.Equal(2, raw.GetInt32(nameof(RecoveryEntity.LessonCount)));

        // A later write of the recovery row (a third lesson) keeps the moved ones.
        var third = new Lesson("Freeze earlier", TestData.Lead, TestData.T0);
        var next = read! with { Lessons = read.Lessons.Add(third), Revision = read.Revision + 1 };
        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(new Changeset(recovery.Id) { RecoveryRow = next, Lessons = [new Indexed<Lesson>(2, third)] }, Ct));
        Same.Recovery(next, await Store.GetRecoveryAsync(recovery.Id, Ct));
    }

    [Fact]
    public async Task Commit_QuestionAskedAgain_UpdatesItsRowOnly()
    {
        var recovery = await TestData.SeedAsync(Store, TestData.Recovery());
        var asked = recovery.Questions[0] with { Count = 4 };
        var next = recovery with { Questions = recovery.Questions.SetItem(0, asked), Revision = recovery.Revision + 1 };

        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(new Changeset(recovery.Id) { RecoveryRow = next, Questions = [new Indexed<Question>(0, asked)] }, Ct));

        Same.Recovery(next, await Store.GetRecoveryAsync(recovery.Id, Ct));
    }

    [Fact]
    public void Size_CountsKeysNamesAndUtf16Values_AsTheServiceDoes()
    {
        var row = new TableEntity("p", "rk") { ["Text"] = "日本", ["N"] = 1, ["B"] = true, ["At"] = DateTimeOffset.UnixEpoch };

        // 4 + keys (1+2)×2; then per property 8 + name×2 + value: "Text" 4+2×2, "N" 4, "B" 1, "At" 8.
        Assert.Equal(4 + 6 + (8 + 8 + 8) + (8 + 2 + 4) + (8 + 2 + 1) + (8 + 4 + 8), TableLimits.Size(row));
    }

    [Fact]
    public void Problem_RowOverOneMebibyte_IsNamed()
    {
        var row = new TableEntity("p", "rk");
        for (var i = 0; i < 17; i++) row["Text" + i] = new string('x', TableLimits.MaxStringChars);

        Assert.Contains("KiB", TableLimits.Problem(row), StringComparison.Ordinal);
        Assert.Null(TableLimits.Problem(new TableEntity("p", "rk") { ["Text"] = new string('x', TableLimits.MaxStringChars) }));
    }
}
