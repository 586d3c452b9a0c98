namespace RecoveryBot.Core.Model;

public enum RecoveryPhase { Triage, Recovery, Closed }

public enum GapKind { Defect, Scope, Trust, Request }

public enum Bucket { Now, Later }

public enum GapStatus { Open, Planned, InProgress, FixReady, Verified, Closed, Declined }

public enum Role { Lead, Approver, Owner, Retester, Member }

public enum ChangeKind { ResetPlan, BucketMove, SignOff, Closure, ScopeChange }

/// <summary>The parts of an item that make up its scope, edited with <c>scope G-7 &lt;field&gt; &lt;text&gt;</c>.</summary>
public enum ScopeField { Title, Expected, Actual, Impact }

public enum ApprovalState { Pending, Approved, Rejected }

public static class EnumText
{
    public static string Text(this GapStatus status) => status switch
    {
        GapStatus.Open => "open",
        GapStatus.Planned => "planned",
        GapStatus.InProgress => "in progress",
        GapStatus.FixReady => "fix ready",
        GapStatus.Verified => "verified",
        GapStatus.Closed => "closed",
        GapStatus.Declined => "declined",
        _ => status.ToString(),
    };

    public static string Text(this GapKind kind) => kind.ToString().ToLowerInvariant();

    public static string Text(this Bucket bucket) => bucket.ToString().ToLowerInvariant();

    public static string Text(this ScopeField field) => field.ToString().ToLowerInvariant();

    public static string Text(this RecoveryPhase phase) => phase.ToString().ToLowerInvariant();

    public static string Text(this ChangeKind kind) => kind switch
    {
        ChangeKind.ResetPlan => "reset plan",
        ChangeKind.BucketMove => "change request",
        ChangeKind.SignOff => "sign-off",
        ChangeKind.Closure => "closure",
        ChangeKind.ScopeChange => "scope change",
        _ => kind.ToString(),
    };

    /// <summary>Open and still being worked on: not verified, closed or declined.</summary>
    public static bool IsActive(this GapStatus status) =>
        status is GapStatus.Open or GapStatus.Planned or GapStatus.InProgress or GapStatus.FixReady;
}
