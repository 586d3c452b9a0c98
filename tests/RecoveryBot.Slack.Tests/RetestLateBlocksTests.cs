using System.Text.Json;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Tests.Fakes;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Tests;

/// <summary>A retest reminder that goes out late says so under its header, as the late check-in does.</summary>
public sealed class RetestLateBlocksTests
{
    private static SlackMessage Render(bool late)
    {
        var gap = Cards.Gap(7);
        return CardRenderer.Render(GapDocs.Retest(Cards.Recovery(), gap, GapActions.Retest(gap), reminder: true, late: late));
    }

    private static List<string> Contexts(SlackMessage m) =>
        [.. m.Blocks!.OfType<ContextBlock>().SelectMany(b => b.Elements).Select(e => e.Text)];

    [Fact]
    public void Render_LateRetestReminder_LateNoteInTheSmallPrint()
    {
        var message = Render(late: true);

        Assert.IsType<HeaderBlock>(message.Blocks![0]);
        Assert.Contains(ScheduledTexts.LateCardNote, Contexts(message));
        Assert.Equal("Posted late: the bot was not running at the scheduled time.", ScheduledTexts.LateCardNote);
        Assert.Equal(["works", "broken"], message.Blocks.OfType<ActionsBlock>().Single().Elements.Select(b => b.ActionId));
        BlockLimits.AssertMessage(JsonSerializer.Serialize(message, SlackJson.Default.SlackMessage));
    }

    [Fact]
    public void Render_OnTimeRetestReminder_NoLateNote()
    {
        Assert.DoesNotContain(ScheduledTexts.LateCardNote, Contexts(Render(late: false)));
    }

    [Fact]
    public void Render_LateCheckinAndLateRetest_SameNote()
    {
        var checkin = CardRenderer.Render(CheckinComposer.Compose(Cards.Recovery(), [], [], Cards.At, null, late: true));

        Assert.Contains(ScheduledTexts.LateCardNote, Contexts(checkin));
        Assert.Contains(ScheduledTexts.LateCardNote, Contexts(Render(late: true)));
    }
}
