using RecoveryBot.Core.Model;
using RecoveryBot.Host.Summary;

namespace RecoveryBot.Host.Tests.Summary;

internal static class SampleData
{
    public static readonly DateTimeOffset Now = new(2026, 12, 4, 14, 0, 0, TimeSpan.Zero);
    public static readonly UserRef Lead = new("U1", "Lena Ortiz");
    public static readonly UserRef Owner = new("U2", "Ana <b>Silva</b>");
    public static readonly UserRef Tester = new("U3", "Ravi Mehta");

    public static Recovery Recovery(string zone = "Europe/Berlin") => new()
    {
        Id = new ChannelKey("slack", "T1", "C1").RecoveryId, Channel = new ChannelKey("slack", "T1", "C1"), Name = "Quotes & orders",
        TimeZone = zone, Lead = Lead, Approver = new UserRef("U4", "Dana Ruiz"), StartedAt = Now.AddDays(-10),
        NextReview = Now.AddDays(5), Milestones = [new Milestone(new DateOnly(2026, 12, 18), "All quote defects verified")],
    };

    public static Gap Gap(int n, GapStatus status = GapStatus.InProgress, string? title = null) => new()
    {
        Id = new GapId(n), Title = title ?? $"Problem {n}", Status = status, Owner = Owner,
        Due = new DateOnly(2026, 12, 1).AddDays(n % 7), Reporter = Lead, CreatedAt = Now.AddDays(-3), UpdatedAt = Now,
        Retester = Tester, RetestDate = new DateOnly(2026, 12, 8), Bucket = n % 5 == 0 ? Bucket.Later : Bucket.Now,
        VerifiedBy = status is GapStatus.Verified or GapStatus.Closed ? Tester : null,
        VerifiedAt = status is GapStatus.Verified or GapStatus.Closed ? Now.AddDays(-1) : null,
    };

    public static SummaryData Data(int items, string zone = "Europe/Berlin") => new(Recovery(zone),
        [.. Enumerable.Range(1, items).Select(n => Gap(n, (GapStatus)(n % 5)))], [], Now, "123.abc");
}
