using System.Globalization;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>Cards that are lists: the gap log (paginated), the weekly check-in and the go/no-go verdict.</summary>
internal static class ListBlocks
{
    public static SlackMessage Log(LogCard c)
    {
        var b = new BlockBuilder()
            .Header($"{c.Title} — {Mrkdwn.ToPlain(c.Recovery)}")
            .Context($"{N(c.Total)} item(s) · page {N(c.Page)} of {N(c.Pages)} · newest risk first");
        if (c.Rows.Count == 0) b.Section("Nothing here.");
        else b.Lines(c.Rows.Select(g => "• " + Mrkdwn.Escape(Fmt.Row(g, c.Today))));
        var buttons = new List<ButtonElement>();
        if (c.Page > 1) buttons.Add(b.Button("Previous", CardVerbs.LogPage, ActionCodec.PageValue(c.Filter, c.Page - 1)));
        if (c.Page < c.Pages) buttons.Add(b.Button("Next", CardVerbs.LogPage, ActionCodec.PageValue(c.Filter, c.Page + 1)));
        b.Buttons(buttons);
        var fallback = $"{c.Title} — {c.Recovery}: {N(c.Total)} item(s), page {N(c.Page)} of {N(c.Pages)}";
        return new(CardRenderer.Fallback(fallback), b.Build());
    }

    public static SlackMessage Checkin(CheckinCard c)
    {
        var b = new BlockBuilder().Header($"Check-in — {Mrkdwn.ToPlain(c.Recovery)}").Section(Mrkdwn.Escape(c.Heading));
        if (c.Late) b.Context("Posted late: the bot was not running at the scheduled time.");
        foreach (var s in c.Sections)
        {
            IEnumerable<string> lines = [Mrkdwn.Bold(s.Title), .. s.Lines.Select(l => "• " + Mrkdwn.Escape(l))];
            if (s.More > 0) lines = lines.Append($"_…and {N(s.More)} more in the log_");
            b.Lines(lines);
        }
        if (c.Sections.Count == 0) b.Section("Nothing to report this week.");
        if (LinkOf(c.LogLink) is { } link) b.Context($"<{link}|The full gap log>");
        return new(CardRenderer.Fallback($"Check-in — {c.Recovery}: {c.Heading}"), b.Build());
    }

    public static SlackMessage GoNoGo(GoNoGoCard c)
    {
        var b = new BlockBuilder().Header($"Go / no-go — {Mrkdwn.ToPlain(c.Recovery)}");
        if (c.Passes)
        {
            b.Section("✅ *Ready to close.* Nothing blocks closure: the lead can ask the approver with `close`.");
        }
        else
        {
            b.Lines(["❌ *Not ready to close yet.* What still blocks it:", .. c.Blockers.Select(x => "• " + Mrkdwn.Escape(x))]);
        }
        var fallback = c.Passes ? $"Go / no-go — {c.Recovery}: ready to close" : $"Go / no-go — {c.Recovery}: {N(c.Blockers.Count)} blocker(s)";
        return new(CardRenderer.Fallback(fallback), b.Build());
    }

    /// <summary>Only absolute http(s) links become Slack links; anything else is left out.</summary>
    internal static string? LinkOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)
            : null;

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
