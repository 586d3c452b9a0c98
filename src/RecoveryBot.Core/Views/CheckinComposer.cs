using System.Globalization;
using RecoveryBot.Core.Metrics;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Core.Views;

/// <summary>
/// The weekly check-in, readable in under two minutes: at most about 250 words and 4,000 characters, the rest behind
/// the log link. Overdue and slipped items come first so they are never buried. The character budget matters where
/// words are not spaced (Chinese, Japanese): 250 "words" there can be whole paragraphs each.
/// </summary>
public static class CheckinComposer
{
    public const int WordBudget = 250;
    public const int CharBudget = 4000;
    public const string LogLinkLabel = "The full gap log";
    public const string Empty = "Nothing open, nothing moved this week.";
    private const int MaxMilestones = 3;

    public static CardDoc Compose(Recovery r, IReadOnlyList<Gap> gaps, IReadOnlyList<ChangeRequest> changes,
        DateTimeOffset now, string? logLink, bool late = false, IReadOnlyList<HistoryEvent>? history = null)
    {
        var zone = r.Zone;
        var today = zone.Today(now);
        var weekAgo = now.AddDays(-7);
        var active = gaps.Where(g => g.Bucket == Bucket.Now && g.Status.IsActive()).ToList();
        var overdue = active.Where(g => g.IsOverdue(today)).OrderBy(g => g.Due).ToList();

        var sections = new List<(string Title, List<string> Lines)>
        {
            ("Overdue", [.. overdue.Select(g => $"{g.Id} {g.Title} — {Fmt.Who(g.Owner)}, {Fmt.Due(g)}, {BusinessDays.Between(g.Due!.Value, today)} business day(s) late")]),
            ("For the approver (overdue 5+ business days)", [.. overdue.Where(g => BusinessDays.Between(g.Due!.Value, today) >= 5).Select(g => $"{g.Id} {g.Title} — {Fmt.Who(g.Owner)}")]),
            ("Closed this week", [.. gaps.Where(g => g.ClosedAt >= weekAgo).Select(g => $"{g.Id} {g.Title} — verified by {Fmt.Who(g.VerifiedBy)}")]),
            ("Verified this week, awaiting sign-off", [.. gaps.Where(g => g.Status == GapStatus.Verified && g.VerifiedAt >= weekAgo).Select(g => $"{g.Id} {g.Title} — by {Fmt.Who(g.VerifiedBy)}")]),
            ("Awaiting retest", [.. active.Where(g => g.Status == GapStatus.FixReady).Select(g => $"{g.Id} {g.Title} — {Fmt.Who(g.Retester)}, {Fmt.Date(g.RetestDate)}")]),
            ("Open now", [.. active.Where(g => !g.IsOverdue(today) && g.Status != GapStatus.FixReady).OrderByDescending(g => g.DueSlips).ThenBy(g => g.Due ?? DateOnly.MaxValue)
                .Select(g => $"{g.Id} {g.Title} — {g.Status.Text()}, {Fmt.Who(g.Owner)}, {Fmt.Due(g)}")]),
            ("Awaiting approval", [.. changes.Where(c => c.State == ApprovalState.Pending).Select(c => $"{c.Label} {c.Summary}")]),
            ("Moved to later", [.. changes.Where(c => c.State == ApprovalState.Approved && c.ToBucket == Bucket.Later && c.DecidedAt >= weekAgo).Select(c => c.Summary)]),
            ("Frozen requests (in later)", [.. gaps.Where(g => g.Bucket == Bucket.Later && g.Kind == GapKind.Request && g.Status.IsActive()).Select(g => $"{g.Id} {g.Title}")]),
            ("Milestones ahead", [.. r.Milestones.Where(m => m.Date >= today).Take(MaxMilestones).Select(m => $"{Fmt.Date(m.Date)} — {m.Text}")]),
            (NumbersBlock.Title, [.. NumbersBlock.Lines(RecoveryMetrics.Compute(r, gaps, history ?? [], changes, now))]),
            ("Training gaps (asked again)", [.. r.Questions.Where(q => q.Count > 1).OrderByDescending(q => q.Count).Select(q => $"\"{q.Text}\" — asked {q.Count}×")]),
        };
        var review = r.NextReview is { } at ? $"Next review: {Fmt.When(at, zone)}" : "Next review: not set";
        var heading = $"{active.Count} open now, {overdue.Count} overdue. {review}.";
        var title = $"Check-in {Fmt.Date(today)}";
        var fitted = Fit(title + " " + heading, sections.Where(s => s.Lines.Count > 0).ToList());
        return new CardDoc
        {
            Title = title,
            Context = r.Name,
            Sections = [new Section(null, [heading], Bulleted: false), .. fitted.Count > 0 ? fitted : [new Section(null, [Empty], Bulleted: false)]],
            Notes = late ? [ScheduledTexts.LateCardNote] : [],
            Links = Links.Web(logLink) is { } link ? [new DocLink(LogLinkLabel, link)] : [],
            Summary = $"Check-in — {r.Name}: {heading}",
        };
    }

    /// <summary>"…and 3 more in the log": what a cut section says about the lines left out.</summary>
    public static string More(int count) => $"…and {count.ToString(CultureInfo.InvariantCulture)} more in the log";

    /// <summary>Cuts lines from the longest sections until the whole card fits the word and character budgets.</summary>
    private static List<Section> Fit(string heading, List<(string Title, List<string> Lines)> sections)
    {
        var shown = sections.Select(s => s.Lines.Count).ToList();
        int Words() => Count(heading) + sections.Select((s, i) => Count(s.Title) + s.Lines.Take(shown[i]).Sum(Count) + (shown[i] < s.Lines.Count ? 5 : 0)).Sum();
        int Chars() => heading.Length + sections.Select((s, i) => s.Title.Length + s.Lines.Take(shown[i]).Sum(l => l.Length) + (shown[i] < s.Lines.Count ? MoreLength : 0)).Sum();
        while (Words() > WordBudget || Chars() > CharBudget)
        {
            var longest = shown.IndexOf(shown.Max());
            if (shown[longest] <= 1) break;
            shown[longest]--;
        }
        return [.. sections.Select((s, i) => new Section(s.Title, [.. s.Lines.Take(shown[i])],
            Footer: shown[i] < s.Lines.Count ? More(s.Lines.Count - shown[i]) : null))];
    }

    private static readonly int MoreLength = More(1000).Length;

    /// <summary>The characters a person reads in <paramref name="doc"/>: title, sections and footers (for the budget's tests).</summary>
    public static int Chars(CardDoc doc) => doc.Title.Length + doc.Sections.Sum(s =>
        (s.Heading ?? "").Length + s.Lines.Sum(l => l.Length) + (s.Footer ?? "").Length);

    /// <summary>The words a person reads in <paramref name="doc"/>: title, sections and footers (for the budget's tests).</summary>
    public static int Words(CardDoc doc) => Count(doc.Title) + doc.Sections.Sum(s =>
        Count(s.Heading ?? "") + s.Lines.Sum(Count) + Count(s.Footer ?? ""));

    public static int Count(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
