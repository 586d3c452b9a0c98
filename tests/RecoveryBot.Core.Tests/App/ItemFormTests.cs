using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Tests.Fakes;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

/// <summary>Mark fix ready and Move the date as buttons: each opens its form, and a submitted form is the typed command.</summary>
public sealed class ItemFormTests
{
    private static readonly GapId G1 = new(1);

    private static Task<TurnResult> Submit(Scenario s, UserRef who, string verb, int revision, Dictionary<string, string> inputs) =>
        s.Service.HandleActionAsync(new Turn(s.Channel, who), new CardAction(verb, G1, null, revision, inputs), CancellationToken.None);

    private static async Task AssertRefusedUnchanged(Scenario s, TurnResult result, Gap before, string contains)
    {
        var line = Assert.Single(result.Lines);
        Assert.Contains(contains, line, StringComparison.Ordinal);
        Assert.IsType<Outcome.Refused>(result.Outcome);
        Assert.Equal(before, await s.Gap(1));
    }

    [Fact]
    public async Task OwnerCard_InProgress_HasMarkFixReadyAndMoveTheDate()
    {
        var s = await InProgressAsync();
        var actions = GapActions.For(await s.Recovery(), await s.Gap(1), Ana);
        Assert.Equal([CardVerbs.ReadyForm, CardVerbs.DueForm], actions.Select(a => a.Verb));
        Assert.Empty(GapActions.For(await s.Recovery(), await s.Gap(1), Max));
    }

    [Fact]
    public async Task ReadyForm_PressedByOwner_OpensFormWithPersonAndDates()
    {
        var s = await InProgressAsync();
        var g = await s.Gap(1);

        var result = await s.Click(Ana, CardVerbs.ReadyForm, G1, null, g.Revision);

        var form = Assert.IsType<Reply.Form>(Assert.Single(result.Replies)).Doc;
        Assert.Equal(
            [(FormFields.Retester, InputKind.Person, true), (FormFields.RetestDate, InputKind.Date, true), (FormFields.TrainingDate, InputKind.Date, false)],
            form.Inputs.Select(i => (i.Id, i.Kind, i.Required)));
        var submit = Assert.Single(form.Actions);
        Assert.Equal((CardVerbs.SubmitReady, "Mark fix ready", G1, g.Revision), (submit.Verb, submit.Label, submit.Gap!.Value, submit.Revision));
        Assert.Equal(g, await s.Gap(1));
    }

    [Fact]
    public async Task DueForm_PressedByOwner_OpensFormWithDateAndReasonLimit()
    {
        var s = await InProgressAsync();
        var g = await s.Gap(1);

        var result = await s.Click(Ana, CardVerbs.DueForm, G1, null, g.Revision);

        var form = Assert.IsType<Reply.Form>(Assert.Single(result.Replies)).Doc;
        Assert.Equal([(FormFields.Due, InputKind.Date, true), (FormFields.Reason, InputKind.Text, true)], form.Inputs.Select(i => (i.Id, i.Kind, i.Required)));
        Assert.Equal(TextLimits.Note, form.Inputs[1].MaxLength);
        Assert.Equal((CardVerbs.SubmitDue, G1), (form.Actions[0].Verb, form.Actions[0].Gap!.Value));
    }

    [Fact]
    public async Task ReadyForm_PressedBySomeoneElse_RefusedInOneLineNoForm()
    {
        var s = await InProgressAsync();
        var result = await s.Click(Max, CardVerbs.ReadyForm, G1, null, (await s.Gap(1)).Revision);
        Assert.DoesNotContain(result.Replies, r => r is Reply.Form);
        Assert.IsType<Outcome.Refused>(result.Outcome);
        Assert.Single(result.Lines);
    }

    [Fact]
    public async Task ReadyForm_PressedInDirectMessage_OpensFormForTheChannelsItem()
    {
        var s = await InProgressAsync();
        var result = await s.ClickDirect(Ana, new CardAction(CardVerbs.ReadyForm, G1, null, (await s.Gap(1)).Revision, new Dictionary<string, string>()));
        Assert.Contains(result.Replies, r => r is Reply.Form f && f.Doc.Title.StartsWith("G-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitReady_PersonAndDate_MakesItemFixReadyWithThatRetester()
    {
        var s = await InProgressAsync();
        var g = await s.Gap(1);

        var result = await Submit(s, Ana, CardVerbs.SubmitReady, g.Revision, new()
        {
            [FormFields.Retester] = "U-RAVI|Ravi Mehta", [FormFields.RetestDate] = "2026-12-03", [FormFields.TrainingDate] = "2026-12-02",
        });

        Assert.IsType<Outcome.Done>(result.Outcome);
        var after = await s.Gap(1);
        Assert.Equal(GapStatus.FixReady, after.Status);
        Assert.True(after.Retester.Is(Ravi));
        Assert.Equal("Ravi Mehta", after.Retester!.Name);
        Assert.Equal(new DateOnly(2026, 12, 3), after.RetestDate);
        Assert.Equal(new DateOnly(2026, 12, 2), after.TrainingDate);
        Assert.Contains(result.Replies, r => r is Reply.Direct d && d.Person.Is(Ravi));
    }

    [Fact]
    public async Task SubmitDue_DateAndReason_MovesTheDateAndCountsASlip()
    {
        var s = await InProgressAsync();
        var g = await s.Gap(1);

        var result = await Submit(s, Ana, CardVerbs.SubmitDue, g.Revision, new()
        {
            [FormFields.Due] = "2026-12-09", [FormFields.Reason] = "the vendor\nfix slipped",
        });

        Assert.IsType<Outcome.Done>(result.Outcome);
        var after = await s.Gap(1);
        Assert.Equal(new DateOnly(2026, 12, 9), after.Due);
        Assert.Equal(1, after.DueSlips);
        Assert.Contains(s.Store.AllHistory(s.Id), e => e.Gap == G1 && e.What == "due" && e.Note == "the vendor fix slipped");
    }

    [Fact]
    public async Task SubmitDue_NoReason_RefusedInOneLineNothingChanges()
    {
        var s = await InProgressAsync();
        var g = await s.Gap(1);
        var result = await Submit(s, Ana, CardVerbs.SubmitDue, g.Revision, new() { [FormFields.Due] = "2026-12-09", [FormFields.Reason] = " \u200b " });
        await AssertRefusedUnchanged(s, result, g, "needs a reason");
    }

    [Theory]
    [InlineData(CardVerbs.SubmitDue, FormFields.Due, "in the past")]
    [InlineData(CardVerbs.SubmitReady, FormFields.RetestDate, "in the past")]
    public async Task Submit_PastDate_RefusedInOneLineNothingChanges(string verb, string dateField, string contains)
    {
        var s = await InProgressAsync();
        var g = await s.Gap(1);
        var result = await Submit(s, Ana, verb, g.Revision, new()
        {
            [dateField] = "2026-11-27", [FormFields.Reason] = "late", [FormFields.Retester] = "U-RAVI|Ravi Mehta",
        });
        await AssertRefusedUnchanged(s, result, g, contains);
    }

    [Fact]
    public async Task SubmitReady_OwnerAsRetester_RefusedInOneLineNothingChanges()
    {
        var s = await InProgressAsync();
        var g = await s.Gap(1);
        var result = await Submit(s, Ana, CardVerbs.SubmitReady, g.Revision, new() { [FormFields.Retester] = "U-ANA", [FormFields.RetestDate] = "2026-12-03" });
        await AssertRefusedUnchanged(s, result, g, "other than the owner");
    }

    [Theory]
    [InlineData("not a person", "with an @mention")]
    [InlineData("", "Pick who retests G-1")]
    public async Task SubmitReady_NoUsablePerson_RefusedInOneLineNothingChanges(string picked, string contains)
    {
        var s = await InProgressAsync();
        var g = await s.Gap(1);
        var result = await Submit(s, Ana, CardVerbs.SubmitReady, g.Revision, new() { [FormFields.Retester] = picked, [FormFields.RetestDate] = "2026-12-03" });
        await AssertRefusedUnchanged(s, result, g, contains);
    }

    [Fact]
    public async Task SubmitReady_NotADate_RefusedInOneLineNothingChanges()
    {
        var s = await InProgressAsync();
        var g = await s.Gap(1);
        var result = await Submit(s, Ana, CardVerbs.SubmitReady, g.Revision, new() { [FormFields.Retester] = "U-RAVI", [FormFields.RetestDate] = "next week" });
        await AssertRefusedUnchanged(s, result, g, "is not a date");
    }

    [Fact]
    public async Task SubmitDue_ByMember_RefusedAsTheTypedCommandIs()
    {
        var s = await InProgressAsync();
        var g = await s.Gap(1);
        var result = await Submit(s, Max, CardVerbs.SubmitDue, g.Revision, new() { [FormFields.Due] = "2026-12-09", [FormFields.Reason] = "why not" });
        Assert.IsType<Outcome.Refused>(result.Outcome);
        Assert.Equal(g, await s.Gap(1));
    }
}
