using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;

namespace RecoveryBot.Teams.Tests;

public class MentionTests
{
    private static readonly UserRef Dana = new("29:1dana", "Dana *Ruiz*");

    [Fact]
    public void Message_PersonMention_IsAnAtTagMatchingItsEntity()
    {
        var line = $"CR-1: reset plan — waiting for {Fmt.At(Dana)}.";

        var text = TeamsMarkdown.Message(line);
        var entity = Assert.Single(TeamsMarkdown.MentionEntities([line])!);

        Assert.EndsWith(@"waiting for <at>Dana \*Ruiz\*</at>.", text, StringComparison.Ordinal);
        Assert.Equal("mention", entity.Type);
        Assert.Equal("29:1dana", entity.Mentioned!.Id);
        Assert.Contains(entity.Text!, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Card_PersonMention_IsTheNameOnly()
    {
        Assert.Equal(@"waiting for Dana \*Ruiz\*", TeamsMarkdown.Card($"waiting for {Fmt.At(Dana)}"));
    }

    [Fact]
    public void MentionEntities_NoPeople_None()
    {
        Assert.Null(TeamsMarkdown.MentionEntities(["nobody here"]));
    }
}
