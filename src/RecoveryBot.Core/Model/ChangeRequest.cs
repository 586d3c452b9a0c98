using System.Collections.Immutable;

namespace RecoveryBot.Core.Model;

/// <summary>Something only the approver can decide: the reset plan, a bucket move, a sign-off or closure.</summary>
public sealed record ChangeRequest
{
    public required int Number { get; init; }
    public required ChangeKind Kind { get; init; }
    public GapId? Gap { get; init; }
    public Bucket? ToBucket { get; init; }
    /// <summary>For a scope change: the field it changes and the text it sets.</summary>
    public ScopeField? Field { get; init; }
    public string? NewText { get; init; }
    /// <summary>Items a batch sign-off covers.</summary>
    public ImmutableList<GapId> Gaps { get; init; } = [];
    public required string Summary { get; init; }
    public required UserRef RequestedBy { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public ApprovalState State { get; init; } = ApprovalState.Pending;
    public UserRef? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? Reason { get; init; }
    /// <summary>The platform's id of the message that shows this request's card, for update in place.</summary>
    public string? CardMessage { get; init; }
    /// <summary>Other messages showing the same card (the approver's direct message), also updated after the decision.</summary>
    public ImmutableList<string> CardCopies { get; init; } = [];
    public int Revision { get; init; }
    public string? Version { get; init; }

    public string Label => "CR-" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One entry of the append-only history. <see cref="Gap"/> is null for recovery-level events.</summary>
public sealed record HistoryEvent(
    GapId? Gap,
    DateTimeOffset At,
    UserRef Actor,
    string What,
    string? From = null,
    string? To = null,
    string? Note = null);
