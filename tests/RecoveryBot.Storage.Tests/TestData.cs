using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage.Tests;

/// <summary>Models with every field set, so a round trip proves each column is stored.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 4, 9, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567);
    public static readonly UserRef Lead = new("U-lead", "Lena Lead");
    public static readonly UserRef Approver = new("U-appr", "Ava Approver");
    public static readonly UserRef Dev = new("U-dev", "Dario Dev");

    public static ChannelKey Channel(string tenant = "T1") => new("slack", tenant, "C" + Guid.NewGuid().ToString("N")[..10]);

    public static Recovery Recovery(ChannelKey? channel = null)
    {
        var key = channel ?? Channel();
        return new Recovery
        {
            Id = key.RecoveryId,
            Channel = key,
            Name = "Payroll go-live recovery",
            TimeZone = "Europe/Berlin",
            Lead = Lead,
            Approver = Approver,
            Phase = RecoveryPhase.Recovery,
            Frozen = false,
            CheckinDay = DayOfWeek.Tuesday,
            CheckinTime = new TimeOnly(9, 45, 30),
            StartedAt = T0,
            OwnershipPostedAt = T0.AddHours(1),
            Ownership = new OwnershipMessage("Exports broken", "All payroll clerks", "Hotfix", "Friday 16:00", Lead, T0.AddHours(1)),
            PlanProposedAt = T0.AddDays(1),
            PlanApprovedAt = T0.AddDays(2),
            ClosedAt = T0.AddDays(30),
            NextReview = T0.AddDays(7),
            Milestones = [new Milestone(new DateOnly(2025, 3, 10), "Exports fixed"), new Milestone(new DateOnly(2025, 3, 20), "Sign-off")],
            Lessons = [new Lesson("Test the export with real data", Dev, T0.AddDays(3))],
            Questions = [new Question("When is the retest?", 3, T0, T0.AddHours(5))],
            EscalationPath = "Lena, then the CIO",
            NextGapNumber = 8,
            NextChangeNumber = 3,
            LinkGeneration = 2,
            Address = "{\"serviceUrl\":\"https://smba.example\"}",
            FollowUpDays = 21,
            Latest = 2,
            Revision = 5,
        };
    }

    public static Gap Gap(int number) => new()
    {
        Id = new GapId(number),
        Title = "Export drops umlauts",
        Expected = "Müller stays Müller",
        Actual = "M?ller",
        Impact = "Bank rejects the file",
        Affected = "Payroll clerks",
        Kind = GapKind.Trust,
        Bucket = Bucket.Later,
        Status = GapStatus.FixReady,
        Owner = Dev,
        Due = new DateOnly(2025, 3, 12),
        Retester = Lead,
        RetestDate = new DateOnly(2025, 3, 13),
        TrainingDate = new DateOnly(2025, 3, 14),
        TrainingNote = "Show the new export dialog",
        TrainedAt = T0.AddDays(9),
        Reporter = Approver,
        CreatedAt = T0,
        UpdatedAt = T0.AddMinutes(90),
        DueSlips = 2,
        BrokenNote = "Broke again after the patch",
        DeclineReason = "n/a",
        FixReadyAt = T0.AddDays(5),
        VerifiedBy = Lead,
        VerifiedAt = T0.AddDays(6),
        ClosedAt = T0.AddDays(7),
        SourceLink = "https://example.slack.com/archives/C1/p1",
        Origin = "Ev0ROUNDTRIP1",
        CardCopies = ["C1|1700000000.000300", "D0DM|1700000000.000400"],
        Revision = 4,
    };

    /// <summary>A new gap the way a minimal report creates it (optional fields unset).</summary>
    public static Gap NewGap(int number) => new()
    {
        Id = new GapId(number),
        Title = "Gap " + number,
        Reporter = Dev,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    public static ChangeRequest ChangeRequest(int number) => new()
    {
        Number = number,
        Kind = ChangeKind.BucketMove,
        Gap = new GapId(7),
        ToBucket = Bucket.Later,
        Gaps = [new GapId(3), new GapId(7)],
        Field = ScopeField.Expected,
        NewText = "Reps send quotes from the phone app",
        Summary = "Move G-7 to later",
        RequestedBy = Dev,
        RequestedAt = T0,
        State = ApprovalState.Rejected,
        DecidedBy = Approver,
        DecidedAt = T0.AddHours(3),
        Reason = "Needed for go-live",
        CardMessage = "1700000000.000100",
        CardCopies = ["D0DM|1700000000.000200"],
        Revision = 1,
    };

    public static HistoryEvent Event(int? gap, DateTimeOffset at, string what = "status") =>
        new(gap is { } n ? new GapId(n) : null, at, Lead, what, "open", "fix ready", "note " + what);

    /// <summary>Creates the recovery row (insert) and returns it as stored.</summary>
    public static async Task<Recovery> SeedAsync(IRecoveryStore store, Recovery recovery)
    {
        var result = await store.CommitAsync(new Changeset(recovery.Id) { RecoveryRow = recovery }, CancellationToken.None);
        Assert.IsType<CommitResult.Committed>(result);
        return (await store.GetRecoveryAsync(recovery.Id, CancellationToken.None))!;
    }
}
