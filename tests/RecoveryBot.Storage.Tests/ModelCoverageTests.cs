using System.Reflection;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage.Tests;

/// <summary>
/// Tripwire: Core's models are still growing. When a property is added, the storage mapping must learn it
/// (entity column + TestData value), or the field would silently not persist. Update both, then this list.
/// </summary>
public sealed class ModelCoverageTests
{
    [Theory]
    [InlineData(typeof(Recovery), "Id Channel Name TimeZone Lead Approver Phase Frozen CheckinDay CheckinTime StartedAt OwnershipPostedAt " +
        "Ownership PlanProposedAt PlanApprovedAt ClosedAt NextReview Milestones Lessons Questions EscalationPath NextGapNumber " +
        "NextChangeNumber LinkGeneration Address FollowUpDays Generation Latest Revision Version")]
    [InlineData(typeof(Gap), "Id Title Expected Actual Impact Affected Kind Bucket Status Owner Due Retester RetestDate TrainingDate " +
        "TrainingNote TrainedAt Reporter CreatedAt UpdatedAt DueSlips BrokenNote DeclineReason FixReadyAt VerifiedBy VerifiedAt " +
        "ClosedAt SourceLink Origin CardCopies Revision Version")]
    [InlineData(typeof(ChangeRequest), "Number Kind Gap ToBucket Field NewText Gaps Summary RequestedBy RequestedAt State DecidedBy DecidedAt Reason " +
        "CardMessage CardCopies Revision Version")]
    [InlineData(typeof(HistoryEvent), "Gap At Actor What From To Note")]
    [InlineData(typeof(OwnershipMessage), "Broken Affected DoingNow NextUpdate By At")]
    [InlineData(typeof(Milestone), "Date Text")]
    [InlineData(typeof(Lesson), "Text By At")]
    [InlineData(typeof(Question), "Text Count FirstAsked LastAsked")]
    [InlineData(typeof(UserRef), "Id Name")]
    public void Model_PropertiesAreAllMapped(Type model, string mapped)
    {
        var stored = model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null && p.Name != "EqualityContract")
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(mapped.Split(' ').Order(StringComparer.Ordinal), stored);
    }
}
