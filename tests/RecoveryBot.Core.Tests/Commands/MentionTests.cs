using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Tests.Commands;

public class MentionTests
{
    [Theory]
    // Slack: <@U…> with or without the display name.
    [InlineData("<@U123ABC>", "U123ABC", "U123ABC")]
    [InlineData("<@U123ABC|ana>", "U123ABC", "ana")]
    [InlineData("<@W0ENTERPRISE|Ana Lima>", "W0ENTERPRISE", "Ana Lima")]
    // Teams: the adapter rewrites <at>Dana Ruiz</at> to the user's 29: id, an AAD object id or a UPN.
    [InlineData("<@29:1abcDEF-_.xyz|Dana Ruiz>", "29:1abcDEF-_.xyz", "Dana Ruiz")]
    [InlineData("<@8e6c1a2b-1234-4d5e-9f00-abcdefabcdef|Dana Ruiz>", "8e6c1a2b-1234-4d5e-9f00-abcdefabcdef", "Dana Ruiz")]
    [InlineData("<@dana.ruiz@contoso.com|Dana>", "dana.ruiz@contoso.com", "Dana")]
    [InlineData("<@29:1x|José Müller-Łukasz>", "29:1x", "José Müller-Łukasz")]
    [InlineData("<@29:1x|  Dana \t Ruiz >", "29:1x", "Dana Ruiz")]
    [InlineData("<@29:1x|>", "29:1x", "29:1x")]
    [InlineData("<@29:1x|Dana|Ruiz>", "29:1x", "Dana|Ruiz")]
    public void Parse_MentionForm_ReturnsUserRef(string mention, string id, string name)
    {
        var ok = Assert.IsType<ParseResult.Ok>(CommandParser.Parse($"assign G-7 {mention} fri"));

        Assert.Equal(new UserRef(id, name), Assert.IsType<AssignCommand>(ok.Command).Owner);
    }

    [Theory]
    [InlineData("<@>")]
    [InlineData("<@U1")]
    [InlineData("<@U1!x|Ana>")]
    [InlineData("<@U1 x|Ana>")]
    [InlineData("<at>Dana Ruiz</at>")]
    [InlineData("@Dana")]
    public void Parse_MalformedMention_ReturnsNotAMention(string mention)
    {
        var error = Assert.IsType<ParseResult.Error>(CommandParser.Parse($"approver {mention}"));

        Assert.Contains("approver", error.Message, StringComparison.Ordinal);
        Assert.Equal("approver @user", error.Usage);
    }

    [Fact]
    public void Parse_MentionFollowedByDateWithoutSpace_ReadsBoth()
    {
        var ok = Assert.IsType<ParseResult.Ok>(CommandParser.Parse("assign G-7 <@U1|Ana>fri"));

        Assert.Equal(new AssignCommand(new GapId(7), new UserRef("U1", "Ana"), new DateSpec.Next(DayOfWeek.Friday)), ok.Command);
    }

    [Theory]
    [InlineData("Quotes fail for <@U1|Ana> and <@U2>", "Quotes fail for @Ana and @U2")]
    [InlineData("<@29:1x|Dana Ruiz> cannot log in", "@Dana Ruiz cannot log in")]
    [InlineData("a <@ b <@U1|Ana>", "a <@ b @Ana")]
    [InlineData("compare 1<2 and <@bad id>", "compare 1<2 and <@bad id>")]
    public void ToPlainText_FreeTextWithMentions_ShowsDisplayNames(string text, string expected) =>
        Assert.Equal(expected, Mentions.ToPlainText(text));

    [Fact]
    public void Parse_RetesterMentionInTeamsForm_ReturnsRetester()
    {
        var ok = Assert.IsType<ParseResult.Ok>(CommandParser.Parse("ready G-7 retest <@29:1abc|Dana Ruiz> thu"));

        Assert.Equal(new UserRef("29:1abc", "Dana Ruiz"), Assert.IsType<ReadyCommand>(ok.Command).Retester);
    }
}
