using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Rules;

/// <summary>The status lifecycle of a gap item. Each check returns null when allowed, else the reason.</summary>
public static class Lifecycle
{
    /// <summary>Work (assign, begin, ready) is only on items in now; a later item needs its move approved first.</summary>
    public static string? InNow(Recovery r, Gap g) => g.Bucket == Bucket.Now ? null
        : $"{g.Id} is in later, outside the agreed recovery; work starts once {r.Approver?.Name ?? "the approver"} approves its move: ask with `now {g.Id}`.";

    public static string? CanAssign(Gap g) => g.Status switch
    {
        GapStatus.Open or GapStatus.Planned or GapStatus.InProgress => null,
        _ => $"{g.Id} is {g.Status.Text()}; only open, planned or in-progress items get an owner.",
    };

    public static string? CanBegin(Gap g) => g.Status switch
    {
        GapStatus.Planned => null,
        GapStatus.Open => $"{g.Id} is open; the lead assigns it first with `assign {g.Id} @user <date>`.",
        GapStatus.InProgress => $"{g.Id} is already in progress.",
        _ => $"{g.Id} is {g.Status.Text()}; only planned items can start.",
    };

    public static string? CanReady(Gap g) => g.Status switch
    {
        GapStatus.InProgress => null,
        GapStatus.Planned => $"{g.Id} is planned; start it with `begin {g.Id}` first.",
        GapStatus.FixReady => $"{g.Id} is already fix ready and waiting for its retest.",
        _ => $"{g.Id} is {g.Status.Text()}; only in-progress items can be marked ready.",
    };

    public static string? CanVerdict(Gap g) => g.Status switch
    {
        GapStatus.FixReady => null,
        GapStatus.Verified or GapStatus.Closed => $"{g.Id} is already {g.Status.Text()}.",
        _ => $"{g.Id} is {g.Status.Text()}; there is no fix waiting for a retest.",
    };

    public static string? CanSignOff(Gap g) => g.Status switch
    {
        GapStatus.Verified => null,
        GapStatus.Closed => $"{g.Id} is already closed.",
        GapStatus.FixReady => $"{g.Id} is waiting for its retester; only verified items can be signed off.",
        _ => $"{g.Id} is {g.Status.Text()}; only items verified by their retester can be signed off.",
    };

    public static string? CanDecline(Gap g) => g.Status switch
    {
        GapStatus.Open or GapStatus.Planned or GapStatus.InProgress => null,
        _ => $"{g.Id} is {g.Status.Text()}; only open, planned or in-progress items can be declined.",
    };

    public static string? CanMoveBucket(Gap g, Bucket to) =>
        g.Bucket == to ? $"{g.Id} is already in {to.Text()}."
        : g.Status is GapStatus.Open or GapStatus.Planned or GapStatus.InProgress ? null
        : $"{g.Id} is {g.Status.Text()}; only open, planned or in-progress items move between now and later.";

    public static string? CanMoveDue(Gap g) => g.Status switch
    {
        GapStatus.Planned or GapStatus.InProgress or GapStatus.FixReady when g.Due is not null => null,
        GapStatus.Open => $"{g.Id} has no due date yet; the lead sets one with `assign {g.Id} @user <date>`.",
        _ => $"{g.Id} is {g.Status.Text()}; its due date no longer moves.",
    };
}
