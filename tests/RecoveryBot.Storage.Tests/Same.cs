using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage.Tests;

/// <summary>Record equality compares immutable lists by reference; these compare them by content.</summary>
internal static class Same
{
    public static void Recovery(Recovery expected, Recovery? actual)
    {
        Assert.NotNull(actual);
        Assert.NotNull(actual.Version);
        Assert.Equal(expected.Milestones, actual.Milestones);
        Assert.Equal(expected.Lessons, actual.Lessons);
        Assert.Equal(expected.Questions, actual.Questions);
        Assert.Equal(expected with { Version = null }, actual with
        {
            Version = null,
            Milestones = expected.Milestones,
            Lessons = expected.Lessons,
            Questions = expected.Questions,
        });
    }

    public static void Gap(Gap expected, Gap? actual)
    {
        Assert.NotNull(actual);
        Assert.NotNull(actual.Version);
        Assert.Equal(expected.CardCopies, actual.CardCopies);
        Assert.Equal(expected with { Version = null }, actual with { Version = null, CardCopies = expected.CardCopies });
    }

    public static void ChangeRequest(ChangeRequest expected, ChangeRequest? actual)
    {
        Assert.NotNull(actual);
        Assert.NotNull(actual.Version);
        Assert.Equal(expected.Gaps, actual.Gaps);
        Assert.Equal(expected.CardCopies, actual.CardCopies);
        Assert.Equal(expected with { Version = null }, actual with { Version = null, Gaps = expected.Gaps, CardCopies = expected.CardCopies });
    }
}
