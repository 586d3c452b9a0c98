using RecoveryBot.Core.Model;
using RecoveryBot.Core.Tests.Fakes;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.Views;

public sealed class CheckinComposerTests
{
    private static readonly DateTimeOffset Friday = new(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);

    private static Recovery Recovery() => new()
    {
        Id = new RecoveryId("r000000000000000000000001"), Channel = new ChannelKey("slack", "T", "C"), Name = "Rollout",
        TimeZone = "Europe/Berlin", Lead = Lena, Approver = Dana, StartedAt = Friday.AddDays(-20),
        Questions = [new Question("How do I export a quote?", 3, Friday.AddDays(-5), Friday)],
    };

    private static Gap Item(int n, GapStatus status, DateOnly? due, int slips = 0) => new()
    {
        Id = new GapId(n), Title = $"Problem number {n} with quite a descriptive title", Status = status, Owner = Ana, Due = due,
        DueSlips = slips, Reporter = Max, CreatedAt = Friday.AddDays(-10), UpdatedAt = Friday, Retester = Ravi,
        RetestDate = due, VerifiedBy = status is GapStatus.Closed ? Ravi : null, ClosedAt = status is GapStatus.Closed ? Friday.AddDays(-1) : null,
    };

    [Fact]
    public void Compose_ManyItems_StaysWithinWordBudgetAndCountsTheRest()
    {
        var gaps = Enumerable.Range(1, 120).Select(n => Item(n, n % 4 == 0 ? GapStatus.Closed : GapStatus.InProgress,
            new DateOnly(2026, 12, 1).AddDays(n % 10), slips: n % 3)).ToList();
        var card = CheckinComposer.Compose(Recovery(), gaps, [], Friday, "https://bot.test/log");
        Assert.InRange(CheckinComposer.Words(card), 1, CheckinComposer.WordBudget);
        Assert.Contains(card.Sections, s => s.Footer is not null && s.Footer.EndsWith("more in the log", StringComparison.Ordinal));
        Assert.Equal("https://bot.test/log", Assert.Single(card.Links).Url);
    }

    [Fact]
    public void Compose_ManyLongCjkItems_StaysWithinTheCharacterBudgetAndCountsTheRest()
    {
        // Chinese titles have no spaces: each is one "word", so the word budget alone would let 120 of them through.
        var title = string.Concat(Enumerable.Range(0, TextLimits.Title).Select(i => (char)('\u4E00' + i)));
        var gaps = Enumerable.Range(1, 120).Select(n => Item(n, GapStatus.InProgress, new DateOnly(2026, 12, 10)) with { Title = title }).ToList();

        var card = CheckinComposer.Compose(Recovery(), gaps, [], Friday, "https://bot.test/log");

        Assert.InRange(CheckinComposer.Chars(card), 1, CheckinComposer.CharBudget);
        Assert.InRange(CheckinComposer.Words(card), 1, CheckinComposer.WordBudget);
        var open = Assert.Single(card.Sections, s => s.Heading == "Open now");
        Assert.Equal(CheckinComposer.More(120 - open.Lines.Count), open.Footer);
        Assert.InRange(open.Lines.Count, 1, 20);
    }

    [Fact]
    public void Checkin_ManyUndeliveredNotices_ShowsTheFirstTenAndHowManyMore()
    {
        var notices = Enumerable.Range(1, 25).Select(n => $"An overdue nudge (overdue:G-{n}) was not delivered: channel_not_found").ToList();
        var input = new RecoveryBot.Core.Schedule.ScheduleInput(Recovery(), [], []) { Notices = notices };

        var card = Assert.IsType<Reply.Card>(RecoveryBot.Core.Schedule.ScheduleRules.Checkin(input, Friday, late: false)).Doc;

        var section = Assert.Single(card.Sections, s => s.Heading == RecoveryBot.Core.Schedule.ScheduledTexts.NoticesTitle);
        Assert.Equal(10, section.Lines.Count);
        Assert.Equal(CheckinComposer.More(15), section.Footer);
    }

    [Fact]
    public void Compose_OverdueFirstAndEscalatedToApproverAfterFiveBusinessDays()
    {
        var gaps = new[] { Item(1, GapStatus.InProgress, new DateOnly(2026, 11, 26), slips: 2), Item(2, GapStatus.InProgress, new DateOnly(2026, 12, 3)) };
        var card = CheckinComposer.Compose(Recovery(), gaps, [], Friday, null);
        Assert.Null(card.Sections[0].Heading);
        Assert.Equal("Overdue", card.Sections[1].Heading);
        Assert.Contains("moved 2×", card.Sections[1].Lines[0], StringComparison.Ordinal);
        var escalated = Assert.Single(card.Sections, s => s.Heading?.StartsWith("For the approver", StringComparison.Ordinal) == true);
        Assert.Single(escalated.Lines);
        Assert.StartsWith("G-1", escalated.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ClosedThisWeek_NamesWhoVerified()
    {
        var card = CheckinComposer.Compose(Recovery(), [Item(1, GapStatus.Closed, new DateOnly(2026, 12, 1))], [], Friday, null);
        var closed = Assert.Single(card.Sections, s => s.Heading == "Closed this week");
        Assert.Contains("verified by Ravi Mehta", closed.Lines[0], StringComparison.Ordinal);
        Assert.Contains(card.Sections, s => s.Heading?.StartsWith("Training gaps", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Compose_WithHistory_CarriesTheNumbersBlockWithinTheWordBudget()
    {
        var gaps = Enumerable.Range(1, 120).Select(n => Item(n, n % 4 == 0 ? GapStatus.Closed : GapStatus.InProgress,
            new DateOnly(2026, 12, 1).AddDays(n % 10), slips: n % 3) with { FixReadyAt = Friday.AddDays(-4) }).ToList();
        var history = gaps.SelectMany(g => new[]
        {
            new HistoryEvent(g.Id, Friday.AddDays(-9), Lena, "owner", null, Ana.Name),
            new HistoryEvent(g.Id, Friday.AddDays(-9), Lena, "due", null, "Tue 1 Dec 2026"),
        }).ToList();
        var card = CheckinComposer.Compose(Recovery(), gaps, [], Friday, "https://bot.test/log", history: history);
        var numbers = Assert.Single(card.Sections, s => s.Heading == RecoveryBot.Core.Metrics.NumbersBlock.Title);
        Assert.StartsWith("Time to own 1 d / 1 d · to fix ready 5 d / 5 d", numbers.Lines[0], StringComparison.Ordinal);
        Assert.InRange(CheckinComposer.Words(card), 1, CheckinComposer.WordBudget);
    }
}
