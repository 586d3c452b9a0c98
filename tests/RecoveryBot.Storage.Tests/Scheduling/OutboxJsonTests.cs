using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;
using RecoveryBot.Storage.Scheduling;

namespace RecoveryBot.Storage.Tests.Scheduling;

/// <summary>The reply an outbox row carries is read back exactly as it was planned.</summary>
public sealed class OutboxJsonTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_RetestCard_RoundTripsLateAndReminder(bool late)
    {
        var gap = TestData.Gap(7);
        var card = new RetestCard("Quotes rollout", gap, GapActions.Retest(gap), Reminder: true, Late: late);

        var read = OutboxJson.Read(OutboxJson.Write(new Reply.Card(card, Audience.Channel)));

        var back = Assert.IsType<RetestCard>(Assert.IsType<Reply.Card>(read).View);
        Assert.Equal((late, true, "Quotes rollout"), (back.Late, back.Reminder, back.Recovery));
        Assert.Equal(card.Actions, back.Actions);
        Assert.Equal(gap, back.Gap);
    }

    [Fact]
    public void Read_RetestRowWrittenBeforeTheLateFlag_ReadsAsNotLate()
    {
        var gap = TestData.Gap(7);
        var json = OutboxJson.Write(new Reply.Card(new RetestCard("R", gap, [], Reminder: true), Audience.Channel));
        Assert.Contains("\"late\":false", json, StringComparison.Ordinal);

        var back = (RetestCard)((Reply.Card)OutboxJson.Read(json.Replace(",\"late\":false", "", StringComparison.Ordinal))).View;

        Assert.False(back.Late);
        Assert.True(back.Reminder);
    }
}
