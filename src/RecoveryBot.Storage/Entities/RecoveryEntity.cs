using Azure;
using Azure.Data.Tables;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage.Entities;

/// <summary>The recovery row; PartitionKey = recovery id, RowKey = <c>recovery</c>.</summary>
internal sealed class RecoveryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = RowKeys.Recovery;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Platform { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string Conversation { get; set; } = "";
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public string Lead { get; set; } = "";
    public string? Approver { get; set; }
    public string Phase { get; set; } = "";
    public bool Frozen { get; set; }
    public string CheckinDay { get; set; } = "";
    public string CheckinTime { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? OwnershipPostedAt { get; set; }
    public string? Ownership { get; set; }
    public DateTimeOffset? PlanProposedAt { get; set; }
    public DateTimeOffset? PlanApprovedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? NextReview { get; set; }
    public string? Milestones { get; set; }
    /// <summary>Written before lessons were rows; read once and moved to rows (<see cref="RecoveryLists"/>).</summary>
    public string? Lessons { get; set; }
    /// <summary>Written before questions were rows, as <see cref="Lessons"/>.</summary>
    public string? Questions { get; set; }
    /// <summary>How many lesson rows there are; null on rows written before lessons were rows.</summary>
    public int? LessonCount { get; set; }
    public int? QuestionCount { get; set; }
    public string? EscalationPath { get; set; }
    public int NextGapNumber { get; set; }
    public int NextChangeNumber { get; set; }
    public int LinkGeneration { get; set; }
    public string? Address { get; set; }
    /// <summary>Null on rows written before the setting existed: the default applies.</summary>
    public int? FollowUpDays { get; set; }
    public int? Generation { get; set; }
    public int? Latest { get; set; }
    public int Revision { get; set; }

    public static RecoveryEntity From(Recovery r) => new()
    {
        PartitionKey = r.Id.Value,
        ETag = r.Version is null ? default : new ETag(r.Version),
        Platform = r.Channel.Platform,
        Tenant = r.Channel.Tenant,
        Conversation = r.Channel.Conversation,
        Name = r.Name,
        TimeZone = r.TimeZone,
        Lead = StorageJson.User(r.Lead)!,
        Approver = StorageJson.User(r.Approver),
        Phase = Columns.Enum(r.Phase),
        Frozen = r.Frozen,
        CheckinDay = Columns.Enum(r.CheckinDay),
        CheckinTime = Columns.Time(r.CheckinTime),
        StartedAt = r.StartedAt,
        OwnershipPostedAt = r.OwnershipPostedAt,
        Ownership = StorageJson.Ownership(r.Ownership),
        PlanProposedAt = r.PlanProposedAt,
        PlanApprovedAt = r.PlanApprovedAt,
        ClosedAt = r.ClosedAt,
        NextReview = r.NextReview,
        Milestones = StorageJson.List(r.Milestones, StorageJson.Milestones),
        LessonCount = r.Lessons.Count == 0 ? null : r.Lessons.Count,
        QuestionCount = r.Questions.Count == 0 ? null : r.Questions.Count,
        EscalationPath = r.EscalationPath,
        NextGapNumber = r.NextGapNumber,
        NextChangeNumber = r.NextChangeNumber,
        LinkGeneration = r.LinkGeneration,
        Address = r.Address,
        FollowUpDays = r.FollowUpDays == Recovery.DefaultFollowUpDays ? null : r.FollowUpDays,
        Generation = r.Generation == 0 ? null : r.Generation,
        Latest = r.Latest == 0 ? null : r.Latest,
        Revision = r.Revision,
    };

    /// <summary>True while the row still holds lessons or questions in its old columns.</summary>
    public bool HasLegacyLists() => !string.IsNullOrEmpty(Lessons) || !string.IsNullOrEmpty(Questions);

    /// <summary>The recovery; its lessons and questions are those of the old columns (the rows are read apart).</summary>
    public Recovery ToModel() => new()
    {
        Id = new RecoveryId(PartitionKey),
        Channel = new ChannelKey(Platform, Tenant, Conversation),
        Name = Name,
        TimeZone = TimeZone,
        Lead = StorageJson.RequiredUser(Lead, nameof(Lead)),
        Approver = StorageJson.User(Approver),
        Phase = Columns.Enum<RecoveryPhase>(Phase),
        Frozen = Frozen,
        CheckinDay = Columns.Enum<DayOfWeek>(CheckinDay),
        CheckinTime = Columns.Time(CheckinTime),
        StartedAt = StartedAt,
        OwnershipPostedAt = OwnershipPostedAt,
        Ownership = StorageJson.Ownership(Ownership),
        PlanProposedAt = PlanProposedAt,
        PlanApprovedAt = PlanApprovedAt,
        ClosedAt = ClosedAt,
        NextReview = NextReview,
        Milestones = StorageJson.List(Milestones, StorageJson.Milestones),
        Lessons = StorageJson.List(Lessons, StorageJson.Lessons),
        Questions = StorageJson.List(Questions, StorageJson.Questions),
        EscalationPath = EscalationPath,
        NextGapNumber = NextGapNumber,
        NextChangeNumber = NextChangeNumber,
        LinkGeneration = LinkGeneration,
        Address = Address,
        FollowUpDays = FollowUpDays ?? Recovery.DefaultFollowUpDays,
        Generation = Generation ?? 0,
        Latest = Latest ?? 0,
        Revision = Revision,
        Version = Columns.Version(ETag),
    };
}
