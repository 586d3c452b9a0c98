using RecoveryBot.Core.Commands;

namespace RecoveryBot.Core.Tests.Commands;

public class CommandCatalogTests
{
    [Theory]
    [InlineData("asign", "assign")]
    [InlineData("assgin", "assign")]
    [InlineData("Asign", "assign")]
    [InlineData("ass", "assign")]
    [InlineData("shwo", "show")]
    [InlineData("sho", "show")]
    [InlineData("lgo", "log")]
    [InlineData("freez", "freeze")]
    [InlineData("aprove", "approve")]
    [InlineData("signof", "signoff")]
    [InlineData("gonog", "gonogo")]
    [InlineData("chekin", "checkin")]
    [InlineData("mileston", "milestone")]
    [InlineData("strat", "start")]
    [InlineData("reddy", "ready")]
    public void Suggest_NearMiss_ReturnsIntendedCommand(string typed, string expected) =>
        Assert.Equal(expected, CommandCatalog.Suggest(typed));

    [Theory]
    [InlineData("xyz")]
    [InlineData("a")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("zzzzzzzzzz")]
    [InlineData("please")]
    [InlineData("re")]
    public void Suggest_NothingClose_ReturnsNull(string? typed) => Assert.Null(CommandCatalog.Suggest(typed));

    [Fact]
    public void Parse_UnknownCommandNearAKnownOne_SuggestsItWithItsUsage()
    {
        var error = Assert.IsType<ParseResult.Error>(CommandParser.Parse("asign G-7 <@U1|Ana> fri"));

        Assert.Equal("Unknown command `asign`. Did you mean `assign`?", error.Message);
        Assert.Equal("assign G-7 @user <date>", error.Usage);
    }

    [Fact]
    public void Parse_UnknownCommandFarFromAll_PointsToHelp()
    {
        var error = Assert.IsType<ParseResult.Error>(CommandParser.Parse("xyz G-7"));

        Assert.Equal("Unknown command `xyz`. Type `help` for the list.", error.Message);
        Assert.Null(error.Usage);
    }

    [Fact]
    public void Parse_UnknownLongCommand_QuotesItShortOnOneLine()
    {
        var error = Assert.IsType<ParseResult.Error>(CommandParser.Parse(new string('q', 5000) + "`x"));

        Assert.Equal("Unknown command `" + new string('q', 39) + "…`. Type `help` for the list.", error.Message);
    }

    [Fact]
    public void HelpText_NoTopic_ListsEveryCommandCompactly()
    {
        var text = CommandCatalog.HelpText(null);

        Assert.All(CommandCatalog.All, c => Assert.Contains($"`{c.Name}`", text, StringComparison.Ordinal));
        Assert.True(text.Split('\n').Length <= 8, text);
        Assert.Equal(text, CommandCatalog.HelpText("  "));
    }

    [Theory]
    [InlineData("assign", "`assign G-7 @user <date>` — Give an item one owner and one due date.")]
    [InlineData("ASSIGN", "`assign G-7 @user <date>` — Give an item one owner and one due date.")]
    [InlineData("go/no-go", "`gonogo` — Check what still blocks closing the recovery.")]
    [InlineData("asign", "Unknown command `asign`. Did you mean `assign`?")]
    [InlineData("xyz", "Unknown command `xyz`. Type `help` for the list.")]
    [InlineData("x\ny`z", "Unknown command `x y'z`. Type `help` for the list.")]
    public void HelpText_Topic_ReturnsUsageOrSuggestion(string topic, string expected) =>
        Assert.Equal(expected, CommandCatalog.HelpText(topic));

    [Fact]
    public void All_EveryCommand_HasParserUniqueNameAndManifestSizedText()
    {
        Assert.Equal(CommandCatalog.All.Count, CommandCatalog.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var command in CommandCatalog.All)
        {
            Assert.StartsWith(command.Name, command.Usage, StringComparison.Ordinal);
            Assert.InRange(command.Name.Length, 1, 32);
            Assert.InRange(command.Description.Length, 1, 128);
            var result = CommandParser.Parse(command.Name);
            Assert.False(result is ParseResult.Error e && e.Message.StartsWith("Unknown command", StringComparison.Ordinal), command.Name);
        }
    }

    [Fact]
    public void All_VerbsOfParsedCommands_MatchCatalogNames()
    {
        var verbs = CommandParserValidTests.ValidForms.Select(row => ((ChatCommand)row[1]).Verb).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(CommandCatalog.All.Select(c => c.Name).Order(StringComparer.Ordinal), verbs.Order(StringComparer.Ordinal));
    }
}
