using Azure;
using Azure.Data.Tables;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage.Entities;

/// <summary>One change request; PartitionKey = recovery id, RowKey = <c>cr|000003</c>.</summary>
internal sealed class ChangeRequestEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";
    public int? Gap { get; set; }
    public string? ToBucket { get; set; }
    public string? Gaps { get; set; }
    public string? Field { get; set; }
    public string? NewText { get; set; }
    public string Summary { get; set; } = "";
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
    public string State { get; set; } = "";
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? Reason { get; set; }
    public string? CardMessage { get; set; }
    public string? CardCopies { get; set; }
    public int Revision { get; set; }

    public static ChangeRequestEntity From(RecoveryId recovery, ChangeRequest c) => new()
    {
        PartitionKey = recovery.Value,
        RowKey = RowKeys.Change(c.Number),
        ETag = c.Version is null ? default : new ETag(c.Version),
        Kind = Columns.Enum(c.Kind),
        Gap = c.Gap?.Number,
        ToBucket = c.ToBucket is { } b ? Columns.Enum(b) : null,
        Gaps = StorageJson.GapIds(c.Gaps),
        Field = c.Field is { } f ? Columns.Enum(f) : null,
        NewText = c.NewText,
        Summary = c.Summary,
        RequestedBy = StorageJson.User(c.RequestedBy)!,
        RequestedAt = c.RequestedAt,
        State = Columns.Enum(c.State),
        DecidedBy = StorageJson.User(c.DecidedBy),
        DecidedAt = c.DecidedAt,
        Reason = c.Reason,
        CardMessage = c.CardMessage,
        CardCopies = Columns.Lines(c.CardCopies),
        Revision = c.Revision,
    };

    public ChangeRequest ToModel() => new()
    {
        Number = RowKeys.ChangeNumber(RowKey),
        Kind = Columns.Enum<ChangeKind>(Kind),
        Gap = Gap is { } n ? new GapId(n) : null,
        ToBucket = ToBucket is null ? null : Columns.Enum<Bucket>(ToBucket),
        Gaps = StorageJson.GapIds(Gaps),
        Field = Field is null ? null : Columns.Enum<ScopeField>(Field),
        NewText = NewText,
        Summary = Summary,
        RequestedBy = StorageJson.RequiredUser(RequestedBy, nameof(RequestedBy)),
        RequestedAt = RequestedAt,
        State = Columns.Enum<ApprovalState>(State),
        DecidedBy = StorageJson.User(DecidedBy),
        DecidedAt = DecidedAt,
        Reason = Reason,
        CardMessage = CardMessage,
        CardCopies = Columns.Lines(CardCopies),
        Revision = Revision,
        Version = Columns.Version(ETag),
    };
}
