using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.BlockKit;

namespace RecoveryBot.Slack.Tests;

public sealed class ActionCodecTests
{
    [Fact]
    public void Value_GapButton_IsCompact() =>
        Assert.Equal("g:7:3", ActionCodec.Value(new ActionView(CardVerbs.Works, "Works") { Gap = new GapId(7), Revision = 3 }));

    [Fact]
    public void Decode_GapButton_RoundTrips()
    {
        var click = ActionCodec.Decode("works", "g:7:3");
        Assert.Equal(("works", new GapId(7), (int?)null, (int?)3, (string?)null), (click.Action.Verb, click.Action.Gap!.Value, click.Action.Change, click.Action.Revision, click.NoteLabel));
    }

    [Fact]
    public void Decode_SuffixedActionId_KeepsVerb() => Assert.Equal("log-page", ActionCodec.Decode("log-page:2", "l:all:3").Action.Verb);

    [Fact]
    public void Decode_NoteWithColonsInLabel_KeepsLabel()
    {
        var value = ActionCodec.Value(new ActionView(CardVerbs.Reject, "Reject") { Change = 12, Note = FormDocs.NoteInput("Why: say it", required: true) });
        var click = ActionCodec.Decode("reject", value);
        Assert.Equal((12, "Why: say it", true), (click.Action.Change!.Value, click.NoteLabel, click.NoteRequired));
    }

    [Theory]
    [InlineData("gap_approve", "gap-0042")]
    [InlineData("works", "g:0:1")]
    [InlineData("works", "g:99999999999:1")]
    [InlineData("works", "g:-1:1")]
    [InlineData("approve", "c:x:y")]
    [InlineData(null, null)]
    public void Decode_ForeignOrBrokenValues_HaveNoTarget(string? actionId, string? value)
    {
        var click = ActionCodec.Decode(actionId, value);
        Assert.Null(click.Action.Gap);
        Assert.Null(click.Action.Change);
    }
}
