using System.Globalization;
using System.Text;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>Collects blocks and keeps every one within Slack's limits, however long the content.</summary>
internal sealed class BlockBuilder
{
    private readonly List<Block> _blocks = [];
    private readonly HashSet<string> _actionIds = new(StringComparer.Ordinal);

    // Slack refuses messages whose blocks hold much more than ~13k characters in all (msg_blocks_too_long).
    private int _textBudget = SlackLimits.TotalText;

    public int Count => _blocks.Count;

    public BlockBuilder Header(string text)
    {
        _blocks.Add(new HeaderBlock(TextObject.Plain(SlackLimits.Clip(OneLine(text), SlackLimits.HeaderText))));
        return this;
    }

    /// <summary>One paragraph of mrkdwn; split into several sections at line breaks when longer than a section holds.</summary>
    public BlockBuilder Section(string mrkdwn) => Lines(mrkdwn.Split('\n'));

    /// <summary>Lines of mrkdwn, packed into as few sections as fit.</summary>
    public BlockBuilder Lines(IEnumerable<string> lines)
    {
        var chunk = new StringBuilder();
        var list = lines as IReadOnlyList<string> ?? [.. lines];
        for (var i = 0; i < list.Count; i++)
        {
            var line = SlackLimits.Clip(list[i], SlackLimits.SectionText);
            if (line.Length + 1 > _textBudget - chunk.Length)
            {
                var more = (list.Count - i).ToString(CultureInfo.InvariantCulture);
                Flush(chunk);
                _blocks.Add(new ContextBlock([TextObject.Markdown($"…{more} more line(s) not shown here.")]));
                return this;
            }
            if (chunk.Length > 0 && chunk.Length + 1 + line.Length > SlackLimits.SectionText) Flush(chunk);
            if (chunk.Length > 0) chunk.Append('\n');
            chunk.Append(line);
        }
        Flush(chunk);
        return this;
    }

    /// <summary>Label/value pairs shown two to a row; empty values are left out.</summary>
    public BlockBuilder Fields(params (string Label, string? Value)[] fields)
    {
        var shown = fields.Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .Select(f => TextObject.Markdown(SlackLimits.Clip($"*{f.Label}*\n{Mrkdwn.Escape(f.Value)}", SlackLimits.FieldText)))
            .ToList();
        _textBudget -= shown.Sum(f => f.Text.Length);
        foreach (var row in shown.Chunk(SlackLimits.SectionFields)) _blocks.Add(new SectionBlock(null) { Fields = row });
        return this;
    }

    public BlockBuilder Context(params string[] mrkdwn)
    {
        var elements = mrkdwn.Where(m => m.Length > 0).Take(SlackLimits.ContextElements)
            .Select(m => TextObject.Markdown(SlackLimits.Clip(m, SlackLimits.FieldText))).ToList();
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
        return new ButtonElement(TextObject.Plain(SlackLimits.Clip(OneLine(label), SlackLimits.ButtonText)), id,
            SlackLimits.Truncate(value, SlackLimits.ButtonValue), styled);
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
        var note = new ContextBlock([TextObject.Markdown($"…{hidden.ToString(CultureInfo.InvariantCulture)} more part(s) not shown here.")]);
        return [.. _blocks.Take(head), note, .. _blocks.Skip(_blocks.Count - tail)];
    }

    private void Flush(StringBuilder chunk)
    {
        if (chunk.Length == 0) return;
        _textBudget -= chunk.Length;
        _blocks.Add(new SectionBlock(TextObject.Markdown(chunk.ToString())));
        chunk.Clear();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
