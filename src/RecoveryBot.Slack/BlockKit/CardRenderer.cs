using RecoveryBot.Core.Views;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>
/// Any Core document as a Slack message: blocks within Slack's limits plus a plain fallback text. It knows no card
/// kinds. Slack's own ways: the recovery's name and notes are context at the bottom, a banner is bold with a mark
/// (blocks have no colours), facts are "Label: value" lines (rich text, so values show literally). The title, the
/// recovery's name and facts are data and shown as typed; lines, banners and notes are Core text with code spans.
/// </summary>
internal static class CardRenderer
{
    /// <summary>Text-only messages may be long (help); Slack allows 40,000 characters, we keep well under.</summary>
    public const int TextOnlyMax = 12_000;

    public static SlackMessage Render(CardDoc doc) => Message([], doc);

    public static SlackMessage Text(string line) => Message([line], null);

    /// <summary>One post: lines, then the card, as one message.</summary>
    public static SlackMessage Message(IReadOnlyList<string> lines, CardDoc? doc)
    {
        var b = new BlockBuilder();
        if (lines.Count > 0) b.Lines(lines.SelectMany(l => l.Split('\n')).ToList());
        if (doc is not null) Append(b, doc);
        var fallback = lines.Count > 0 ? string.Join(" ", lines) : doc?.Summary ?? "";
        return new SlackMessage(Fallback(fallback, doc is null ? TextOnlyMax : SlackLimits.MessageText), b.Build());
    }

    /// <summary>Several messages for one reader as one (their blocks in order, within Slack's block limit).</summary>
    public static SlackMessage Join(IReadOnlyList<SlackMessage> messages)
    {
        if (messages.Count == 1) return messages[0];
        var blocks = messages.SelectMany(m => m.Blocks ?? []).Take(SlackLimits.MessageBlocks).ToList();
        return new SlackMessage(SlackLimits.Clip(string.Join(" ", messages.Select(m => m.Text)), TextOnlyMax), blocks);
    }

    private static void Append(BlockBuilder b, CardDoc doc)
    {
        b.Header(doc.Title);
        if (doc.Banner is { } banner) b.Strong(Mark(banner.Tone) + banner.Text);
        b.Facts(doc.Facts);
        foreach (var s in doc.Sections)
        {
            if (s.Heading is { } heading) b.Strong(heading);
            b.Lines(s.Lines, s.Bulleted);
            if (s.Footer is { } footer) b.Context(CoreText.Plain(footer));
        }
        b.Links(doc.Links);
        // Notes are Core text (their backticks dropped: context is plain text); the recovery's name is shown as typed.
        b.Context([.. doc.Notes.Select(CoreText.Plain), .. doc.Context is null ? Array.Empty<string>() : [doc.Context]]);
        b.Actions(doc.Actions);
    }

    private static string Mark(Tone tone) => tone switch { Tone.Good => "✅ ", Tone.Attention => "⚠️ ", _ => "" };

    /// <summary>
    /// The notification text that goes with the blocks: plain, with Slack's three characters escaped, and people as
    /// <c>&lt;@U…&gt;</c> so the notification names and notifies them.
    /// </summary>
    public static string Fallback(string text, int max = SlackLimits.MessageText) => SlackLimits.Clip(string.Concat(CoreText.Spans(text).Select(s =>
        s.Person is { } p && Mrkdwn.IsUserId(p.Id) ? $"<@{p.Id}>" : Mrkdwn.Escape(s.Text))), max);
}
