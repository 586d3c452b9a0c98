using RecoveryBot.Core.Views;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>Puts text replies and cards for one reader into one Slack message.</summary>
internal static class MessageComposer
{
    /// <summary>Text-only messages may be long (help); Slack allows 40,000 characters, we keep well under.</summary>
    public const int TextOnlyMax = 12_000;

    public static SlackMessage Text(string line) => new(SlackLimits.Clip(Mrkdwn.Escape(line), TextOnlyMax));

    public static SlackMessage Compose(IReadOnlyList<Reply> replies)
    {
        var texts = replies.OfType<Reply.Text>().Select(t => t.Message).ToList();
        var cards = replies.OfType<Reply.Card>().Select(c => CardRenderer.Render(c.View)).ToList();
        if (cards.Count == 0) return Text(string.Join("\n", texts));

        var b = new BlockBuilder();
        foreach (var t in texts) b.Section(Mrkdwn.Escape(t));
        var blocks = new List<Block>(b.Build());
        foreach (var card in cards) blocks.AddRange(card.Blocks ?? []);
        if (blocks.Count > SlackLimits.MessageBlocks) blocks = blocks[..SlackLimits.MessageBlocks];
        var fallback = texts.Count > 0 ? CardRenderer.Fallback(string.Join(" ", texts)) : cards[0].Text;
        return new SlackMessage(fallback, blocks);
    }
}
