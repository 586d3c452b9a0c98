using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Tests.Views;

public class MentionTextTests
{
    private static readonly UserRef Ana = new("U0ANA", "Ana | Silva");

    [Fact]
    public void Spans_Mention_IsAPersonSpanWithTheName()
    {
        var spans = CoreText.Spans($"{Fmt.At(Ana)}, run `works G-7`.");

        Assert.Equal(Ana, spans[0].Person);
        Assert.Equal("Ana | Silva", spans[0].Text);
        Assert.Equal(new TextSpan("works G-7", true), spans[2]);
        Assert.Equal("Ana | Silva, run works G-7.", CoreText.Plain($"{Fmt.At(Ana)}, run `works G-7`."));
    }

    [Fact]
    public void At_Nobody_ReadsNobodyAndMentionsNoOne()
    {
        Assert.Equal("nobody", Fmt.At(null));
        Assert.Empty(CoreText.People("nobody"));
    }

    [Fact]
    public void People_SamePersonTwice_ListedOnce()
    {
        Assert.Equal([Ana], CoreText.People($"{Fmt.At(Ana)} and {Fmt.At(Ana)}"));
    }

    [Fact]
    public void Parse_TypedMentionMarks_AreDroppedSoNobodyIsMentioned()
    {
        var forged = $"gap {CoreText.PersonOpen}U0BOSS|Boss{CoreText.PersonClose} is broken";

        var report = Assert.IsType<ReportCommand>(Assert.IsType<ParseResult.Ok>(CommandParser.Parse(forged)).Command);

        Assert.Empty(CoreText.People(report.Title!));
        Assert.Equal("U0BOSS|Boss is broken", report.Title);
    }

    [Fact]
    public void CardInput_MentionMarks_AreDropped()
    {
        var action = new RecoveryBot.Core.App.CardAction("broken", new GapId(7), null, 1,
            new Dictionary<string, string> { ["note"] = $"{CoreText.PersonOpen}U1|X{CoreText.PersonClose}" });

        Assert.Equal("U1|X", action.Input("note"));
    }
}
