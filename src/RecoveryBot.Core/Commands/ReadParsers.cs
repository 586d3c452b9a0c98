using System.Collections.Frozen;

namespace RecoveryBot.Core.Commands;

/// <summary>Commands that read or post views: help, log, show, check-in, summary.</summary>
internal static class ReadParsers
{
    private const int MaxPage = 9999;

    private static readonly FrozenDictionary<string, LogFilter> Filters = new Dictionary<string, LogFilter>
    {
        ["open"] = LogFilter.Open,
        ["mine"] = LogFilter.Mine,
        ["overdue"] = LogFilter.Overdue,
        ["later"] = LogFilter.Later,
        ["all"] = LogFilter.All,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Only the first word names the topic; <c>help assign G-7</c> still shows <c>assign</c>.</summary>
    public static ParseResult Help(Args a)
    {
        if (a.Peek is not { } token) return a.Result(new HelpCommand(null));
        var topic = CommandCatalog.Find(token.Text)?.Name ?? token.Text.ToLowerInvariant();
        return a.Result(new HelpCommand(topic));
    }

    public static ParseResult Log(Args a)
    {
        var filter = LogFilter.Open;
        if (a.Peek is { } word && Filters.TryGetValue(word.Text, out var named))
        {
            filter = named;
            a.Skip();
        }
        var page = 1;
        if (a.Keyword("page"))
        {
            if (a.Peek is not { } number) return a.Fail("Give the page number, e.g. `log all page 2`.");
            if (!DateParser.TryNumber(number.Text, out page) || page is < 1 or > MaxPage)
            {
                return a.Fail($"{Echo.Quote(number.Text)} is not a page number, e.g. `log all page 2`.");
            }
            a.Skip();
        }
        else if (a.Peek is { } other)
        {
            return a.Fail($"{Echo.Quote(other.Text)} is not a log filter; use `open`, `mine`, `overdue`, `later` or `all`.");
        }
        return a.Done(new LogCommand(filter, page));
    }

    public static ParseResult Show(Args a)
    {
        if (a.Peek is { } t && t.Text.StartsWith("CR-", StringComparison.OrdinalIgnoreCase))
            return a.Change("show CR-3") is { } change ? a.Done(new ShowChangeCommand(change)) : a.Failed;
        return a.Gap("show G-7") is { } gap ? a.Done(new ShowCommand(gap)) : a.Failed;
    }

    public static ParseResult Checkin(Args a) => a.Done(new CheckinCommand(a.Keyword("preview")));

    public static ParseResult Summary(Args a) => a.Done(new SummaryCommand(a.Keyword("rotate")));
}
