using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Bot;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>The Agents Playground's recorded activities, read the way the bot reads them.</summary>
public sealed class ActivityParsingTests
{
    private const string Tenant = "00000000-0000-0000-0000-0000000000001";

    [Fact]
    public void MessagePersonal_ReadsTurnAndCommand()
    {
        var a = Fixtures.Activity("message-personal");
        var turn = TurnReader.Read(a)!;

        Assert.Equal(ActivityTypes.Message, a.Type);
        Assert.Equal(new ChannelKey("teams", Tenant, "2a5e2ee7-d4f8-43ae-8a9f-d61ed744341c"), turn.Channel);
        Assert.Equal(new UserRef("user-id-0", "Alex Wilber"), turn.Actor);
        var command = Assert.IsType<ParseResult.Ok>(CommandParser.Parse(MentionText.Normalize(a))).Command;
        Assert.Equal(new ReportCommand(GapKind.Defect, "Sales reps cannot send quotes"), command);
    }

    [Fact]
    public void MessagePersonal_AddressIsAConversationReference()
    {
        var turn = TurnReader.Read(Fixtures.Activity("message-personal"))!;

        Assert.True(ConversationAddress.TryParse(turn.Address, out var address));
        Assert.Equal(new ConversationAddress("http://localhost:56150/_connector", "2a5e2ee7-d4f8-43ae-8a9f-d61ed744341c",
            Tenant, "00000000-0000-0000-0000-00000000000011", "Test Bot"), address);
    }

    [Fact]
    public void ChannelMention_StripsBotAndNormalisesUserMention()
    {
        var a = Fixtures.Activity("message-with-mentions-channel");

        Assert.Equal("assign G-1 <@user-id-1|Megan Bowen> fri", MentionText.Normalize(a));
        var assign = Assert.IsType<AssignCommand>(Assert.IsType<ParseResult.Ok>(CommandParser.Parse(MentionText.Normalize(a))).Command);
        Assert.Equal(new UserRef("user-id-1", "Megan Bowen"), assign.Owner);
        Assert.Equal(new GapId(1), assign.Gap);
    }

    [Fact]
    public void ChannelThread_BelongsToTheChannelsRecovery()
    {
        var turn = TurnReader.Read(Fixtures.Activity("message-with-mentions-channel"))!;

        Assert.Equal("team-id", turn.Channel.Conversation);
        Assert.Equal(Tenant, turn.Channel.Tenant);
        Assert.True(ConversationAddress.TryParse(turn.Address, out var address));
        Assert.Equal("team-id", address.ConversationId);
    }

    [Fact]
    public void Mention_IdentityComesFromEntitiesNotText()
    {
        var a = Fixtures.Activity("message-with-mentions-channel") with
        {
            Text = "<at>Test Bot</at> approver <at>Megan Bowen</at>",
            Entities = [
                new Entity { Type = "mention", Text = "<at>Test Bot</at>", Mentioned = new ChannelAccount { Id = "00000000-0000-0000-0000-00000000000011", Name = "Test Bot" } },
                new Entity { Type = "mention", Text = "<at>Megan Bowen</at>", Mentioned = new ChannelAccount { Id = "29:1megan", Name = "Megan <Bowen>|x" } },
            ],
        };

        Assert.Equal("approver <@29:1megan|Megan Bowenx>", MentionText.Normalize(a));
    }

    [Fact]
    public void TypedMentionToken_IsText_NotAMention()
    {
        // Recorded from the Agents Playground: `<@user-id-4|Patti Fernandez>` typed into the box arrives verbatim, with no entity.
        var a = Fixtures.Activity("playground-message-typed-mention-token-channel");

        Assert.Equal("approver < @user-id-4|Patti Fernandez>", MentionText.Normalize(a));
        Assert.IsType<ParseResult.Error>(CommandParser.Parse(MentionText.Normalize(a)));
        var noEntities = a with { Text = "assign G-1 <@user-id-1|Megan Bowen> fri", Entities = null };
        Assert.IsType<ParseResult.Error>(CommandParser.Parse(MentionText.Normalize(noEntities)));
    }

    [Fact]
    public void TypedMentionToken_BesideARealMention_OnlyTheEntityCounts()
    {
        var a = Fixtures.Activity("message-with-mentions-channel") with
        {
            Text = "<at>Test Bot</at> assign G-1 <at>Megan Bowen</at> fri <@user-id-2|Adele Vance>",
        };

        Assert.Equal("assign G-1 <@user-id-1|Megan Bowen> fri < @user-id-2|Adele Vance>", MentionText.Normalize(a));
    }

    [Fact]
    public void CardSubmit_InAChannelThread_IsTheChannelsTurnAndAnAction()
    {
        // Recorded from the Agents Playground: a click on the reset plan's Approve in a General channel thread.
        var a = Fixtures.Activity("playground-card-submit-channel");
        var turn = TurnReader.Read(a)!;
        var action = TurnReader.ReadAction(a.Value)!;

        Assert.Equal(new ChannelKey("teams", Tenant, "team-id"), turn.Channel);
        Assert.Equal("approve", action.Verb);
        Assert.Equal(1, action.Change);
        Assert.Equal(0, action.Revision);
        Assert.Null(a.Text);
    }

    [Fact]
    public void Mention_WithoutEntityText_RemovesAtName()
    {
        var a = Fixtures.Activity("message-with-mentions-channel") with
        {
            Text = "<at>Test Bot</at> help",
            Entities = [new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = "00000000-0000-0000-0000-00000000000011", Name = "Test Bot" } }],
        };

        Assert.Equal("help", MentionText.Normalize(a));
    }

    [Fact]
    public void CardSubmit_OurData_BecomesCardAction()
    {
        var json = Fixtures.Json("message-card-submit-personal");
        json["value"] = System.Text.Json.Nodes.JsonNode.Parse("""{"rb":"broken","gap":"g-7","rev":4,"note":"still fails on iOS","cr":null}""");
        var action = TurnReader.ReadAction(Fixtures.Parse(json.ToJsonString()).Value)!;

        Assert.Equal("broken", action.Verb);
        Assert.Equal(new GapId(7), action.Gap);
        Assert.Equal(4, action.Revision);
        Assert.Null(action.Change);
        Assert.Equal("still fails on iOS", action.Input("note"));
        Assert.DoesNotContain("rb", action.Inputs.Keys);
    }

    [Fact]
    public void CardSubmit_PlaygroundFixture_IsAClickWithoutOurIds()
    {
        var a = Fixtures.Activity("message-card-submit-personal");
        var action = TurnReader.ReadAction(a.Value)!;

        Assert.Null(a.Text);
        Assert.Equal("1795486828085-e051e276", a.ReplyToId);
        Assert.Equal("approve", action.Verb);
        Assert.Null(action.Revision);
        Assert.Equal("G-1", action.Input("id"));
    }

    [Theory]
    [InlineData("conversationUpdate-personal", "personal")]
    [InlineData("conversationUpdate-channel", "channel")]
    [InlineData("installationUpdate-personal", "personal")]
    [InlineData("installationUpdate-channel", "channel")]
    public void Install_IsRecognisedAsBotAdded(string fixture, string conversationType)
    {
        var a = Fixtures.Activity(fixture);

        Assert.True(Welcome.BotAdded(a));
        Assert.Equal(conversationType, a.Conversation!.ConversationType);
        Assert.Equal(Tenant, a.TenantId);
        Assert.Contains("start <name>", Welcome.Text(a), StringComparison.Ordinal);
        // The personal chat offers the person's own list.
        Assert.Equal(conversationType == "personal", Welcome.Text(a).Contains("`mine`", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadAction_NumberedNoteOfACardWithSeveralNotes_ReadAsTheNote()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"gap":"G-2","rev":3,"note.2":"Still times out"}""");

        var action = TurnReader.ReadAction(doc.RootElement, "broken")!;

        Assert.Equal("Still times out", action.Input(RecoveryBot.Core.Views.FormFields.Note));
    }

    [Fact]
    public void ConversationUpdate_UserAddedOnly_IsNotBotAdded()
    {
        var a = Fixtures.Activity("conversationUpdate-personal") with { MembersAdded = [new ChannelAccount { Id = "user-id-0" }] };

        Assert.False(Welcome.BotAdded(a));
    }

    [Fact]
    public void TenantId_FallsBackToConversation()
    {
        var a = Fixtures.Activity("message-personal") with { ChannelData = null };

        Assert.Equal(Tenant, a.TenantId);
    }
}
