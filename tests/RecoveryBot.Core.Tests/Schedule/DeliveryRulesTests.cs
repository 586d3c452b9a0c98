using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Core.Tests.Schedule;

public sealed class DeliveryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DueAt = new(2026, 12, 2, 8, 30, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZones.Find(ScheduleData.Berlin)!;
    private const string Key = "overdue:G-1:2026-12-01:nudge";

    [Fact]
    public void After_Posted_IsSentWithItsMessageId() =>
        Assert.Equal(new DeliveryStep.Sent("m1", null), DeliveryRules.After(new PostResult.Posted("m1"), 1, 20, Now));

    [Fact]
    public void After_Throttled_RetriesAfterTheChannelsWait() =>
        Assert.Equal(new DeliveryStep.Retry(Now.AddSeconds(30), "ratelimited"),
            DeliveryRules.After(new PostResult.RetryLater(TimeSpan.FromSeconds(30), "ratelimited"), 1, 20, Now));

    [Fact]
    public void After_ThrottledWithoutAWait_WaitsAtLeastOneSecond() =>
        Assert.Equal(new DeliveryStep.Retry(Now.AddSeconds(1), "busy"),
            DeliveryRules.After(new PostResult.RetryLater(TimeSpan.Zero, "busy"), 3, 20, Now));

    [Fact]
    public void After_ThrottledOnTheLastAttempt_GivesUp() =>
        Assert.Equal(new DeliveryStep.Failed("gave up after 20 attempts: ratelimited"),
            DeliveryRules.After(new PostResult.RetryLater(TimeSpan.FromSeconds(30), "ratelimited"), 20, 20, Now));

    [Fact]
    public void After_Refused_FailsAtOnce() =>
        Assert.Equal(new DeliveryStep.Failed("channel archived"), DeliveryRules.After(new PostResult.Failed("channel archived"), 1, 20, Now));

    [Fact]
    public void NoticeFor_Failed_TellsTheLeadWhatWasNotDelivered() =>
        Assert.Equal(ScheduledTexts.Undelivered(PostKind.OverdueNudge, Key, DueAt, Berlin, "channel archived"),
            DeliveryRules.NoticeFor(new DeliveryStep.Failed("channel archived"), PostKind.OverdueNudge, Key, DueAt, Berlin));

    [Fact]
    public void NoticeFor_DirectMessageThatWentToTheChannel_TellsTheLeadOnce() =>
        Assert.Equal(ScheduledTexts.DirectFellBack(PostKind.OverdueNudge, Key, "could not reach Ana Silva"),
            DeliveryRules.NoticeFor(new DeliveryStep.Sent("m1", "could not reach Ana Silva"), PostKind.OverdueNudge, Key, DueAt, Berlin));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NoticeFor_SentOrRetrying_TellsNobody(bool retrying) =>
        Assert.Null(DeliveryRules.NoticeFor(retrying ? new DeliveryStep.Retry(Now, "busy") : new DeliveryStep.Sent("m1", null),
            PostKind.OverdueNudge, Key, DueAt, Berlin));
}
