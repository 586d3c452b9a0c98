using RecoveryBot.Core.Views;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>Turns a Core card into a Slack message: blocks within Slack's limits plus a plain fallback text.</summary>
internal static class CardRenderer
{
    public static SlackMessage Render(CardView card) => card switch
    {
        GapCard c => GapBlocks.Gap(c),
        GapDetailCard c => GapBlocks.Detail(c),
        RetestCard c => GapBlocks.Retest(c),
        LogCard c => ListBlocks.Log(c),
        CheckinCard c => ListBlocks.Checkin(c),
        GoNoGoCard c => ListBlocks.GoNoGo(c),
        ApprovalCard c => DecisionBlocks.Approval(c),
        OwnershipCard c => DecisionBlocks.Ownership(c),
        _ => new SlackMessage("(this card cannot be shown in Slack)"),
    };

    /// <summary>The notification and accessibility text that goes with the blocks.</summary>
    public static string Fallback(string text) => SlackLimits.Clip(Mrkdwn.Escape(text), SlackLimits.MessageText);
}
