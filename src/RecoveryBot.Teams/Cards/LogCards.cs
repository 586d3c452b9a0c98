using System.Globalization;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Cards;

/// <summary>The gap log, one page of <see cref="LogCard.PageSize"/> rows, with Previous/Next.</summary>
internal static class LogCards
{
    public static AdaptiveCard Log(LogCard c)
    {
        var body = new List<CardElement>
        {
            Blocks.Subtle(c.Recovery),
            Blocks.Title($"{c.Title} ({c.Total.ToString(CultureInfo.InvariantCulture)})"),
        };
        if (c.Rows.Count == 0) body.Add(Blocks.Text("Nothing here."));
        body.AddRange(c.Rows.Take(LogCard.PageSize).Select(g => Blocks.Bullet(Fmt.Row(g, c.Today))));
        if (c.Pages > 1) body.Add(Blocks.Subtle($"Page {N(c.Page)} of {N(c.Pages)}"));
        body.Add(Blocks.Subtle("`show G-7` opens one item with its history."));

        var actions = new List<CardButton>();
        if (c.Page > 1) actions.Add(Page("Previous", c, c.Page - 1));
        if (c.Page < c.Pages) actions.Add(Page("Next", c, c.Page + 1));
        return Blocks.Card(body, actions);
    }

    private static SubmitButton Page(string title, LogCard c, int page) =>
        new(title, new SubmitData(CardVerbs.LogPage) { Filter = c.Filter.ToString().ToLowerInvariant(), Page = N(page) });

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
