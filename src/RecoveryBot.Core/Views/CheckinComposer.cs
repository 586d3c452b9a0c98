using RecoveryBot.Core.Metrics;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Core.Views;

/// <summary>
/// The weekly check-in, readable in under two minutes: at most about 250 words, the rest behind the log link.
/// Overdue and slipped items come first so they are never buried.
/// </summary>
public static class CheckinComposer
{
    public const int WordBudget = 250;

    public static CheckinCard Compose(Recovery r, IReadOnlyList<Gap> gaps, IReadOnlyList<ChangeRequest> changes,
        DateTimeOffset now, string? logLink, bool late = false, IReadOnlyList<HistoryEvent>? history = null)
    {
        var zone = r.Zone;
        var today = zone.Today(now);
        var weekAgo = now.AddDays(-7);
        var active = gaps.Where(g => g.Bucket == Bucket.Now && g.Status.IsActive()).ToList();
        var overdue = active.Where(g => g.IsOverdue(today)).OrderBy(g => g.Due).ToList();

        var sections = new List<CheckinSection>
        {
            new("Overdue", [.. overdue.Select(g => $"{g.Id} {g.Title} — {Fmt.Who(g.Owner)}, {Fmt.Due(g)}, {BusinessDays.Between(g.Due!.Value, today)} business day(s) late")]),
            new("For the approver (overdue 5+ business days)", [.. overdue.Where(g => BusinessDays.Between(g.Due!.Value, today) >= 5).Select(g => $"{g.Id} {g.Title} — {Fmt.Who(g.Owner)}")]),
            new("Closed this week", [.. gaps.Where(g => g.ClosedAt >= weekAgo).Select(g => $"{g.Id} {g.Title} — verified by {Fmt.Who(g.VerifiedBy)}")]),
            new("Verified this week, awaiting sign-off", [.. gaps.Where(g => g.Status == GapStatus.Verified && g.VerifiedAt >= weekAgo).Select(g => $"{g.Id} {g.Title} — by {Fmt.Who(g.VerifiedBy)}")]),
            new("Awaiting retest", [.. active.Where(g => g.Status == GapStatus.FixReady).Select(g => $"{g.Id} {g.Title} — {Fmt.Who(g.Retester)}, {Fmt.Date(g.RetestDate)}")]),
            new("Open now", [.. active.Where(g => !g.IsOverdue(today) && g.Status != GapStatus.FixReady).OrderByDescending(g => g.DueSlips).ThenBy(g => g.Due ?? DateOnly.MaxValue)
                .Select(g => $"{g.Id} {g.Title} — {g.Status.Text()}, {Fmt.Who(g.Owner)}, {Fmt.Due(g)}")]),
            new("Awaiting approval", [.. changes.Where(c => c.State == ApprovalState.Pending).Select(c => $"{c.Label} {c.Summary}")]),
            new("Moved to later", [.. changes.Where(c => c.State == ApprovalState.Approved && c.ToBucket == Bucket.Later && c.DecidedAt >= weekAgo).Select(c => c.Summary)]),
            new(NumbersBlock.Title, NumbersBlock.Lines(RecoveryMetrics.Compute(r, gaps, history ?? [], changes, now))),
            new("Training gaps (asked again)", [.. r.Questions.Where(q => q.Count > 1).OrderByDescending(q => q.Count).Select(q => $"\"{q.Text}\" — asked {q.Count}×")]),
        };
        var review = r.NextReview is { } at ? $"Next review: {Fmt.When(at, zone)}" : "Next review: not set";
        var heading = $"Check-in {Fmt.Date(today)} — {active.Count} open now, {overdue.Count} overdue. {review}.";
        return new CheckinCard(r.Name, heading, Fit(heading, sections.Where(s => s.Lines.Count > 0).ToList()), logLink, late);
    }

    /// <summary>Cuts lines from the longest sections until the whole card fits the word budget.</summary>
    private static List<CheckinSection> Fit(string heading, List<CheckinSection> sections)
    {
        var shown = sections.Select(s => s.Lines.Count).ToList();
        int Words() => Count(heading) + sections.Select((s, i) => Count(s.Title) + s.Lines.Take(shown[i]).Sum(Count) + (shown[i] < s.Lines.Count ? 4 : 0)).Sum();
        while (Words() > WordBudget)
        {
            var longest = shown.IndexOf(shown.Max());
            if (shown[longest] <= 1) break;
            shown[longest]--;
        }
        return [.. sections.Select((s, i) => new CheckinSection(s.Title, [.. s.Lines.Take(shown[i])], s.Lines.Count - shown[i]))];
    }

    public static int Count(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
