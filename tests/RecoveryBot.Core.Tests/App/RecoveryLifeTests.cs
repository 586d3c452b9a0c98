using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Tests.Fakes;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

/// <summary>One recovery's whole life, from `start` to the next recovery in the same channel.</summary>
public sealed class RecoveryLifeTests
{
    [Fact]
    public async Task Walk_StartToClosureToFollowUpToNextRecovery_InOneChannel()
    {
        var s = await FixReadyAsync();                                          // G-1 fix ready, Ravi retests
        s.Time.Advance(TimeSpan.FromDays(1));
        await s.Say(Lena, "plan");
        await s.Say(Dana, "approve CR-1");
        Assert.Equal(RecoveryPhase.Recovery, (await s.Recovery()).Phase);
        await s.Say(Ravi, "broken G-1 still fails on the tablet");
        await s.Say(Ana, $"ready G-1 retest {Mention(Ravi)} 2026-12-03");
        await s.Say(Ravi, "works G-1");
        Assert.Contains("signed off 1 verified item(s)", Assert.Single((await s.Say(Dana, "signoff")).Lines), StringComparison.Ordinal);
        await s.Say(Lena, "review 2026-12-14 10:00");
        await s.Say(Lena, "lesson nobody retested with a real sales rep");
        Assert.Equal(Tone.Good, Assert.Single((await s.Say(Lena, "gonogo")).Replies.OfType<Reply.Card>()).Doc.Banner!.Tone);
        await s.Say(Lena, "close");
        await s.Say(Dana, "approve CR-2");
        var closed = await s.Recovery();
        Assert.Equal(RecoveryPhase.Closed, closed.Phase);

        // The one follow-up checkpoint says exactly what to type.
        var input = new ScheduleInput(closed, await s.Store.ListGapsAsync(s.Id, default), await s.Store.ListChangeRequestsAsync(s.Id, default));
        var plan = SchedulePlanner.Plan(input, closed.ClosedAt!.Value, closed.ClosedAt.Value.AddDays(15));
        var followUp = Assert.Single(plan.Due, o => o.Kind == PostKind.FollowUp);
        Assert.Contains("`gap <what still hurts>`", followUp.FirstLine, StringComparison.Ordinal);

        // Its answer is a follow-up item of the closed recovery, shown to the lead and the approver.
        var reported = await s.Say(Max, "gap Quotes still time out on the tablet");
        Assert.Contains("G-2 logged by Max Weber as a follow-up item of the closed recovery", Assert.Single(reported.Lines), StringComparison.Ordinal);
        Assert.Contains("Lena Ortiz (lead) and Dana Ruiz (approver)", Assert.Single(reported.Lines), StringComparison.Ordinal);
        Assert.Equal("Quotes still time out on the tablet", (await s.Gap(2)).Title);
        Assert.StartsWith("\"Quotes rollout\" was closed on Tue 1 Dec 2026, so `close` no longer applies.", Assert.Single((await s.Say(Lena, "close")).Lines), StringComparison.Ordinal);

        // A new recovery in the same channel; the closed one stays listed and readable.
        var started = await s.Say(Lena, "start Quotes rollout, round two tz Europe/Berlin");
        Assert.Contains("`recoveries` lists them", Assert.Single(started.Lines), StringComparison.Ordinal);
        var second = RecoveryId.For(s.Channel, 1);
        Assert.Equal("Quotes rollout, round two", (await s.Store.GetRecoveryAsync(second, default))!.Name);
        Assert.Equal(1, (await s.Recovery()).Latest);
        await s.Say(Max, "gap Tablet quotes time out");
        Assert.Equal("Tablet quotes time out", (await s.Store.GetGapAsync(second, new GapId(1), default))!.Title);
        Assert.Equal("Sales reps cannot send quotes from mobile", (await s.Gap(1)).Title);

        var list = Assert.Single((await s.Say(Max, "recoveries")).Lines);
        Assert.Contains("1. \"Quotes rollout\" — closed Tue 1 Dec 2026 (started Mon 30 Nov 2026), 1 follow-up item(s) — summary: ", list, StringComparison.Ordinal);
        Assert.Contains($"recoveries/{s.Id}/summary", list, StringComparison.Ordinal);
        Assert.Contains("2. \"Quotes rollout, round two\" — triage, led by Lena Ortiz", list, StringComparison.Ordinal);
        Assert.EndsWith("(current)", list, StringComparison.Ordinal);

        var again = await s.Say(Ana, "start Something else");
        Assert.Equal("A recovery is already running in this channel: \"Quotes rollout, round two\", led by Lena Ortiz.", Assert.Single(again.Lines));
    }

    [Fact]
    public async Task Start_AfterClosure_WithBadZone_RefusedAndTheClosedOneStaysCurrent()
    {
        var s = await ClosedAsync();
        var result = await s.Say(Lena, "start Next tz Europe/Berlin");
        Assert.Contains("started", Assert.Single(result.Lines), StringComparison.Ordinal);

        var t = await ClosedAsync();
        var refused = await t.Service.HandleAsync(new RecoveryBot.Core.App.Turn(t.Channel, Lena), new RecoveryBot.Core.Commands.StartCommand("Next", "Mars/Base"), default);
        Assert.StartsWith("`Mars/Base` is not a time zone I know.", Assert.Single(refused.Lines), StringComparison.Ordinal);
        Assert.Equal(0, (await t.Recovery()).Latest);
        Assert.Contains("(current)", Assert.Single((await t.Say(Max, "recoveries")).Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AfterAnInterruptedStart_FillsThePointedAtRecovery()
    {
        var s = await ClosedAsync();
        // The pointer moved on, but the new recovery's row never landed (the host stopped in between).
        var anchor = await s.Recovery();
        await s.Store.CommitAsync(new RecoveryBot.Core.App.Changeset(s.Id) { RecoveryRow = anchor with { Latest = 1 } }, default);
        Assert.Equal("There is no recovery in this channel yet. Start one with `start <name> [tz <zone>]`.", Assert.Single((await s.Say(Max, "log")).Lines));

        await s.Say(Lena, "start Round two");
        Assert.Equal("Round two", (await s.Store.GetRecoveryAsync(RecoveryId.For(s.Channel, 1), default))!.Name);
        Assert.Equal(1, (await s.Recovery()).Latest);
        Assert.Null(await s.Store.GetRecoveryAsync(RecoveryId.For(s.Channel, 2), default));
    }

    [Fact]
    public async Task Start_ThirdRecovery_AfterTheSecondCloses_ListsAllThree()
    {
        var s = await ClosedAsync();
        await s.Say(Lena, "start Round two");
        var second = await s.Store.GetRecoveryAsync(RecoveryId.For(s.Channel, 1), default);
        await s.Store.CommitAsync(new RecoveryBot.Core.App.Changeset(second!.Id) { RecoveryRow = second with { Phase = RecoveryPhase.Closed, ClosedAt = s.Time.GetUtcNow() } }, default);
        await s.Say(Lena, "start Round three");
        Assert.Equal(2, (await s.Recovery()).Latest);
        var list = Assert.Single((await s.Say(Max, "recoveries")).Lines);
        Assert.Contains("3. \"Round three\"", list, StringComparison.Ordinal);
        Assert.Contains("2. \"Round two\" — closed", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("assign G-1 <@U-ANA|Ana Silva> fri", "assign")]
    [InlineData("defer G-1", "defer")]
    [InlineData("now G-1", "now")]
    [InlineData("plan", "plan")]
    [InlineData("signoff", "signoff")]
    [InlineData("freeze off", "freeze")]
    [InlineData("checkin preview", "checkin")]
    [InlineData("settings followup 10", "settings")]
    [InlineData("scope G-1 title New", "scope")]
    public async Task AfterClosure_CommandsThatNoLongerApply_RefusedInOneLineAndChangeNothing(string command, string verb)
    {
        var s = await ClosedAsync();
        var commits = s.Store.Commits;
        var result = await s.Say(Lena, command);
        Assert.Equal($"\"Quotes rollout\" was closed on Tue 1 Dec 2026, so `{verb}` no longer applies. Report what still hurts with `gap <title>`, " +
                     "or start the next recovery here with `start <name>`.", Assert.Single(result.Lines));
        Assert.Equal(commits, s.Store.Commits);
    }

    [Fact]
    public async Task AfterClosure_ReadingStillWorks()
    {
        var s = await ClosedAsync();
        Assert.StartsWith("All items", Assert.Single((await s.Say(Max, "log all")).Replies.OfType<Reply.Card>()).Doc.Title, StringComparison.Ordinal);
        Assert.StartsWith("G-1 ", Assert.Single((await s.Say(Max, "show G-1")).Replies.OfType<Reply.Card>()).Doc.Title, StringComparison.Ordinal);
        Assert.Contains("summary", Assert.Single((await s.Say(Max, "summary")).Lines), StringComparison.Ordinal);
        Assert.Contains("phase recovery → closed", Assert.Single((await s.Say(Max, "history")).Lines), StringComparison.Ordinal);
        Assert.Contains("Lesson recorded", Assert.Single((await s.Say(Max, "lesson the retest came too late")).Lines), StringComparison.Ordinal);
    }

    /// <summary>G-1 signed off, review and lesson set, closure approved by Dana.</summary>
    internal static async Task<Scenario> ClosedAsync()
    {
        var s = await FixReadyAsync();
        s.Time.Advance(TimeSpan.FromDays(1));
        await s.Say(Ravi, "works G-1");
        await s.Say(Dana, "signoff G-1");
        await s.Say(Lena, "review 2026-12-14 10:00");
        await s.Say(Lena, "lesson nobody retested with a real sales rep");
        await s.Say(Lena, "plan");
        await s.Say(Dana, "approve CR-1");
        await s.Say(Lena, "close");
        await s.Say(Dana, "approve CR-2");
        Assert.Equal(RecoveryPhase.Closed, (await s.Recovery()).Phase);
        return s;
    }
}
