using System.Globalization;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>
/// Collects blocks and keeps every one within Slack's limits, however long the content. Core text goes into rich
/// text (shown literally, Core's code spans as code); headers, buttons and context are plain_text.
/// </summary>
internal sealed class BlockBuilder
{
    private readonly List<Block> _blocks = [];
    private readonly HashSet<string> _actionIds = new(StringComparer.Ordinal);

    // Slack refuses messages whose blocks hold much more than ~13k characters in all (msg_blocks_too_long).
    private int _textBudget = SlackLimits.TotalText;

    public int Count => _blocks.Count;

    public BlockBuilder Header(string text)
    {
        _blocks.Add(new HeaderBlock(Plain(text, SlackLimits.HeaderText)));
        return this;
    }

    /// <summary>Lines of Core text as paragraphs, or as a bulleted list; split over blocks when long.</summary>
    public BlockBuilder Lines(IReadOnlyList<string> lines, bool bulleted = false, RichStyle? style = null)
    {
        var chunk = new List<RichSection>();
        var size = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = SlackLimits.Clip(lines[i], SlackLimits.SectionText);
            if (line.Length + 1 > _textBudget - size)
            {
                Flush(chunk, bulleted, ref size);
                return Context($"…{(lines.Count - i).ToString(CultureInfo.InvariantCulture)} more line(s) not shown here.");
            }
            if (size + line.Length > SlackLimits.SectionText) Flush(chunk, bulleted, ref size);
            // Paragraphs are one section each, separated by a blank line; list items are one section each.
            var text = !bulleted && chunk.Count > 0 ? "\n" + line : line;
            chunk.Add(new RichSection(Inlines(text, style)));
            size += line.Length + 1;
        }
        Flush(chunk, bulleted, ref size);
        return this;
    }

    /// <summary>One line in bold: a heading, or a banner.</summary>
    public BlockBuilder Strong(string text) => Lines([text], style: RichStyle.Strong);

    /// <summary>Label: value, one per line, labels in bold.</summary>
    public BlockBuilder Facts(IReadOnlyList<Fact> facts)
    {
        if (facts.Count == 0) return this;
        var inlines = new List<RichInline>();
        foreach (var (f, i) in facts.Select((f, i) => (f, i)))
        {
            var value = SlackLimits.Clip(f.Value, SlackLimits.FieldText);
            _textBudget -= f.Label.Length + value.Length + 3;
            inlines.Add(new RichText((i > 0 ? "\n" : "") + f.Label + ": ", RichStyle.Strong));
            inlines.Add(new RichText(value));
        }
        _blocks.Add(new RichTextBlock([new RichSection(inlines)]));
        return this;
    }

    public BlockBuilder Links(IReadOnlyList<DocLink> links)
    {
        var shown = links.Where(l => RecoveryBot.Core.Views.Links.Web(l.Url) is not null).Select(l => (RichInline)new RichLink(l.Url, l.Label)).ToList();
        if (shown.Count > 0) _blocks.Add(new RichTextBlock([new RichSection(shown)]));
        return this;
    }

    /// <summary>Small print: plain_text context elements, shown as given.</summary>
    public BlockBuilder Context(params string[] lines)
    {
        var elements = lines.Where(m => m.Length > 0).Take(SlackLimits.ContextElements)
            .Select(m => Plain(m, SlackLimits.FieldText)).ToList();
        if (elements.Count > 0) _blocks.Add(new ContextBlock(elements));
        return this;
    }

    public BlockBuilder Divider()
    {
        _blocks.Add(new DividerBlock());
        return this;
    }

    public BlockBuilder Actions(IEnumerable<ActionView> actions) =>
        Buttons(actions.Select(a => Button(a.Label, a.Verb, ActionCodec.Value(a), a.Style)));

    public BlockBuilder Buttons(IEnumerable<ButtonElement> buttons)
    {
        foreach (var row in buttons.Chunk(SlackLimits.ActionElements)) _blocks.Add(new ActionsBlock(row));
        return this;
    }

    /// <summary>A button whose action_id is unique in this message.</summary>
    public ButtonElement Button(string label, string verb, string value, ActionStyle style = ActionStyle.Default)
    {
        var id = ActionCodec.ActionId(verb);
        for (var n = 2; !_actionIds.Add(id); n++) id = ActionCodec.ActionId(verb, n.ToString(CultureInfo.InvariantCulture));
        var styled = style switch { ActionStyle.Positive => "primary", ActionStyle.Destructive => "danger", _ => null };
        return new ButtonElement(Plain(label, SlackLimits.ButtonText), id, SlackLimits.Truncate(value, SlackLimits.ButtonValue), styled);
    }

    /// <summary>
    /// The blocks, at most <paramref name="max"/>. When there are more, the middle is cut (with a note) so that the
    /// heading and the buttons at the end always survive.
    /// </summary>
    public IReadOnlyList<Block> Build(int max = SlackLimits.MessageBlocks)
    {
        if (_blocks.Count <= max) return [.. _blocks];
        var tail = 0;
        while (tail < _blocks.Count && _blocks[_blocks.Count - 1 - tail] is ActionsBlock) tail++;
        tail = Math.Min(tail, max / 2);
        var head = max - tail - 1;
        var hidden = _blocks.Count - head - tail;
        var note = new ContextBlock([TextObject.Plain($"…{hidden.ToString(CultureInfo.InvariantCulture)} more part(s) not shown here.")]);
        return [.. _blocks.Take(head), note, .. _blocks.Skip(_blocks.Count - tail)];
    }

    /// <summary>Core text as rich text: plain spans literal, code spans as code, people as real mentions.</summary>
    internal static List<RichInline> Inlines(string text, RichStyle? style = null) =>
        [.. CoreText.Spans(text).Select(s => s.Person is { } p && Mrkdwn.IsUserId(p.Id) ? new RichUser(p.Id)
            : (RichInline)new RichText(s.Text, s.Code ? style is null ? RichStyle.Mono : style with { Code = true } : style))];

    public static TextObject Plain(string text, int max) => TextObject.Plain(SlackLimits.Clip(text.ReplaceLineEndings(" "), max));

    private void Flush(List<RichSection> chunk, bool bulleted, ref int size)
    {
        if (chunk.Count == 0) return;
        _textBudget -= size;
        _blocks.Add(new RichTextBlock(bulleted ? [new RichList("bullet", [.. chunk])] : [.. chunk]));
        chunk.Clear();
        size = 0;
    }
}
