using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using static RecoveryBot.Core.Tests.Fakes.Scenario;

namespace RecoveryBot.Core.Tests.App;

/// <summary>Form and modal fields are cleaned where they enter Core, exactly as a typed command is.</summary>
public sealed class SubmissionCleaningTests
{
    [Theory]
    [InlineData("Quotes\u202E fail\u200B on mobile", "Quotes fail on mobile")]   // bidi override, zero-width space
    [InlineData("Quotes\r\nfail\ton\u0007 mobile", "Quotes fail on mobile")]      // line breaks, tab, bell
    [InlineData("\u2066Quotes fail on mobile\u2069\uFEFF", "Quotes fail on mobile")] // isolates, BOM
    [InlineData("Zahlung für Müller 日本語", "Zahlung für Müller 日本語")]
    public void Input_FieldWithControlBidiOrZeroWidthCharacters_IsCleanedAsATypedCommand(string typed, string clean)
    {
        var action = new CardAction(CardVerbs.SubmitGap, null, null, null, new Dictionary<string, string> { [FormFields.Title] = typed });

        Assert.Equal(clean, action.Input(FormFields.Title));
    }

    [Fact]
    public void Input_OnlyInvisibleCharacters_CountsAsEmpty()
    {
        var action = new CardAction(CardVerbs.SubmitGap, null, null, null, new Dictionary<string, string> { [FormFields.Title] = "\u200B\u202E \u2060" });

        Assert.Null(action.Input(FormFields.Title));
    }

    [Fact]
    public async Task SubmitGapForm_WithHiddenCharacters_StoresTheCleanTextLikeTheTypedCommand()
    {
        var s = new Fakes.Scenario();
        await s.Say(Lena, "start Quotes rollout tz Europe/Berlin");
        var inputs = new Dictionary<string, string>
        {
            [FormFields.Title] = "Quotes\u202E fail\u200B on\nmobile",
            [FormFields.Expected] = "A quote is sent\u0000 in\u2067 one click",
        };

        await s.Service.HandleActionAsync(new Turn(s.Channel, Max), new CardAction(CardVerbs.SubmitGap, null, null, null, inputs), CancellationToken.None);
        await s.Say(Max, "gap Quotes\u202E fail\u200B on mobile");

        var form = await s.Gap(1);
        Assert.Equal("Quotes fail on mobile", form.Title);
        Assert.Equal("A quote is sent in one click", form.Expected);
        Assert.Equal((await s.Gap(2)).Title, form.Title);
    }
}
