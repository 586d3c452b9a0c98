using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>The approval card (buttons until decided, then who decided and when) and the 48-hour ownership message.</summary>
internal static class DecisionBlocks
{
    public static SlackMessage Approval(ApprovalCard c)
    {
        var r = c.Request;
        var b = new BlockBuilder()
            .Header(c.Title)
            .Section(Mrkdwn.Escape(r.Summary))
            .Lines(c.Details.Select(d => "• " + Mrkdwn.Escape(d)));
        var approver = c.Approver is null ? "the approver" : c.Approver.Name;
        if (c.Decision is { } decision)
        {
            var mark = r.State == ApprovalState.Rejected ? "❌" : "✅";
            b.Section($"{mark} *{Mrkdwn.Escape(decision)}*");
            b.Context($"{r.Label} · {Mrkdwn.Escape(c.Recovery)}");
            return new(CardRenderer.Fallback($"{c.Title}: {decision}"), b.Build());
        }
        b.Context($"Requested by {Mrkdwn.Escape(r.RequestedBy.Name)} · only {Mrkdwn.Escape(approver)} can decide · {Mrkdwn.Escape(c.Recovery)}")
            .Actions(c.Actions);
        return new(CardRenderer.Fallback($"{c.Title}: {r.Summary} — waiting for {approver}"), b.Build());
    }

    public static SlackMessage Ownership(OwnershipCard c)
    {
        var m = c.Message;
        var b = new BlockBuilder()
            .Header($"We own this: {Mrkdwn.ToPlain(c.Recovery)}")
            .Section($"*What is broken*\n{Mrkdwn.Escape(m.Broken)}")
            .Section($"*Who is affected*\n{Mrkdwn.Escape(m.Affected)}")
            .Section($"*What we are doing now*\n{Mrkdwn.Escape(m.DoingNow)}")
            .Section($"*When you hear from us next*\n{Mrkdwn.Escape(m.NextUpdate)}");
        if (c.Frozen) b.Context("New requests are frozen until the reset is agreed.");
        b.Context($"Posted by {Mrkdwn.Escape(m.By.Name)}");
        return new(CardRenderer.Fallback($"We own this: {c.Recovery} — {m.Broken}"), b.Build());
    }
}
