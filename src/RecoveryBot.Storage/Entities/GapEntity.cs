using Azure;
using Azure.Data.Tables;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage.Entities;

/// <summary>One gap; PartitionKey = recovery id, RowKey = <c>g|0000000007</c>.</summary>
internal sealed class GapEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Title { get; set; } = "";
    public string? Expected { get; set; }
    public string? Actual { get; set; }
    public string? Impact { get; set; }
    public string? Affected { get; set; }
    public string Kind { get; set; } = "";
    public string Bucket { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Owner { get; set; }
    public string? Due { get; set; }
    public string? Retester { get; set; }
    public string? RetestDate { get; set; }
    public string? TrainingDate { get; set; }
    public string? TrainingNote { get; set; }
    public DateTimeOffset? TrainedAt { get; set; }
    public string Reporter { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int DueSlips { get; set; }
    public string? BrokenNote { get; set; }
    public string? DeclineReason { get; set; }
    public DateTimeOffset? FixReadyAt { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? SourceLink { get; set; }
    public string? Origin { get; set; }
    public string? CardCopies { get; set; }
    public int Revision { get; set; }

    /// <summary>
    /// Set only on a fence: a placeholder on the next free number, written when the recovery's phase or freeze
    /// changed (<see cref="Core.App.Changeset.FencesReports"/>), holding the recovery row's revision then. It is
    /// not a gap: readers skip it, and a report replaces it only if decided on that revision or later.
    /// </summary>
    public int? Fence { get; set; }

    public const string FenceColumn = nameof(Fence);

    public static TableEntity NewFence(RecoveryId recovery, GapId at, int revision) =>
        new(recovery.Value, RowKeys.Gap(at)) { [FenceColumn] = revision };

    public static GapEntity From(RecoveryId recovery, Gap g) => new()
    {
        PartitionKey = recovery.Value,
        RowKey = RowKeys.Gap(g.Id),
        ETag = g.Version is null ? default : new ETag(g.Version),
        Title = g.Title,
        Expected = g.Expected,
        Actual = g.Actual,
        Impact = g.Impact,
        Affected = g.Affected,
        Kind = Columns.Enum(g.Kind),
        Bucket = Columns.Enum(g.Bucket),
        Status = Columns.Enum(g.Status),
        Owner = StorageJson.User(g.Owner),
        Due = Columns.Date(g.Due),
        Retester = StorageJson.User(g.Retester),
        RetestDate = Columns.Date(g.RetestDate),
        TrainingDate = Columns.Date(g.TrainingDate),
        TrainingNote = g.TrainingNote,
        TrainedAt = g.TrainedAt,
        Reporter = StorageJson.User(g.Reporter)!,
        CreatedAt = g.CreatedAt,
        UpdatedAt = g.UpdatedAt,
        DueSlips = g.DueSlips,
        BrokenNote = g.BrokenNote,
        DeclineReason = g.DeclineReason,
        FixReadyAt = g.FixReadyAt,
        VerifiedBy = StorageJson.User(g.VerifiedBy),
        VerifiedAt = g.VerifiedAt,
        ClosedAt = g.ClosedAt,
        SourceLink = g.SourceLink,
        Origin = g.Origin,
        CardCopies = Columns.Lines(g.CardCopies),
        Revision = g.Revision,
    };

    public Gap ToModel() => new()
    {
        Id = new GapId(RowKeys.GapNumber(RowKey)),
        Title = Title,
        Expected = Expected,
        Actual = Actual,
        Impact = Impact,
        Affected = Affected,
        Kind = Columns.Enum<GapKind>(Kind),
        Bucket = Columns.Enum<Bucket>(Bucket),
        Status = Columns.Enum<GapStatus>(Status),
        Owner = StorageJson.User(Owner),
        Due = Columns.Date(Due),
        Retester = StorageJson.User(Retester),
        RetestDate = Columns.Date(RetestDate),
        TrainingDate = Columns.Date(TrainingDate),
        TrainingNote = TrainingNote,
        TrainedAt = TrainedAt,
        Reporter = StorageJson.RequiredUser(Reporter, nameof(Reporter)),
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        DueSlips = DueSlips,
        BrokenNote = BrokenNote,
        DeclineReason = DeclineReason,
        FixReadyAt = FixReadyAt,
        VerifiedBy = StorageJson.User(VerifiedBy),
        VerifiedAt = VerifiedAt,
        ClosedAt = ClosedAt,
        SourceLink = SourceLink,
        Origin = Origin,
        CardCopies = Columns.Lines(CardCopies),
        Revision = Revision,
        Version = Columns.Version(ETag),
    };
}
