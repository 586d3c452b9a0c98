using System.Text.Json;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Endpoints;
using RecoveryBot.Slack.Tests.Fakes;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Tests;

public sealed class PayloadParsingTests
{
    [Fact]
    public void SlashCommand_FixtureBody_ReadsEveryField()
    {
        var form = FormBody.Parse(Fixture.Bytes("slash-command.txt"));
        var expected = JsonSerializer.Deserialize<Dictionary<string, string>>(Fixture.Text("slash-command.fields.json"))!;

        Assert.Equal(expected.Count, form.Count);
        foreach (var (key, value) in expected) Assert.Equal(value, form[key].ToString());
        var command = SlashCommand.From(form)!;
        Assert.Equal(("T0RECOV", "C0PILOT", "U0LEAD", "lead", "/recovery"), (command.TeamId, command.ChannelId, command.UserId, command.UserName, command.Command));
        Assert.Equal("gap Reps cannot see the deal risk field", command.Text);
        Assert.Equal("1795521600001.1001.0a1b2c3d4e5f60718293a4b5c6d7e8f9", command.TriggerId);
    }

    [Theory]
    [InlineData("team_id=T1&channel_id=C1")]
    [InlineData("channel_id=C1&user_id=U1")]
    [InlineData("team_id=T1&channel_id=C1&user_id=U1&user_id=U2")]
    [InlineData("%%%")]
    public void SlashCommand_MissingOrRepeatedIds_Null(string body) =>
        Assert.Null(SlashCommand.From(FormBody.Parse(Fixture.Utf8(body))));

    [Fact]
    public void BlockActions_Fixture_ReadsUserTeamChannelAndClick()
    {
        var p = InteractivityEndpoint.Read(Fixture.Utf8(Fixture.Interaction(Fixture.Text("block-actions.json"))))!;

        Assert.Equal("block_actions", p.Type);
        Assert.Equal(("U0LEAD", "lead"), (p.User!.Id, p.User.Name));
        Assert.Equal("T0RECOV", InteractivityEndpoint.Team(p));
        Assert.Equal("C0PILOT", p.Channel!.Id);
        Assert.Equal(("1795521600.000200", false), (p.Container!.MessageTs, p.Container.IsEphemeral));
        Assert.Equal(("gap_approve", "gap-0042", "Approve"), (p.Actions![0].ActionId, p.Actions[0].Value, p.Actions[0].Text!.Text));
        Assert.StartsWith("https://hooks.slack.com/actions/", p.ResponseUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void ViewSubmission_Fixture_FlattensStateByActionId()
    {
        var p = InteractivityEndpoint.Read(Fixture.Utf8(Fixture.Interaction(Fixture.Text("view-submission.json"))))!;

        Assert.Equal(("view_submission", "gap_form"), (p.Type, p.View!.CallbackId));
        var inputs = SubmissionHandler.Inputs(p.View);
        Assert.Equal("Reps cannot see the deal risk field", inputs["title"]);
        Assert.Equal("U0LEAD", inputs["owner"]);
        Assert.Equal("2026-12-15", inputs["due"]);
        Assert.Equal("C0PILOT", Modals.ReadMeta(p.View.PrivateMetadata)!.Channel);
    }

    [Fact]
    public void MessageShortcut_Fixture_ReadsCallbackAndMessage()
    {
        var p = InteractivityEndpoint.Read(Fixture.Utf8(Fixture.Interaction(Fixture.Text("message-shortcut.json"))))!;

        Assert.Equal(("message_action", SubmissionHandler.LogAsGap), (p.Type, p.CallbackId));
        Assert.Equal("1795522100.000300", p.MessageTs);
        Assert.Equal("Exports time out when the report has more than 10k rows", p.Message!.Text);
        Assert.Equal(("U0LEAD", "T0RECOV", "C0PILOT"), (p.User!.Id, InteractivityEndpoint.Team(p), p.Channel!.Id));
    }

    [Fact]
    public void AppMention_Fixture_ReadsEnvelopeAndEvent()
    {
        var e = EventsEndpoint.Read(Fixture.Bytes("event-app-mention.json"))!;

        Assert.Equal(("event_callback", "Ev0RECOV0001", "T0RECOV"), (e.Type, e.EventId, e.TeamId));
        Assert.Equal(("app_mention", "U0CLIENT", "C0PILOT"), (e.Event!.Type, e.Event.User, e.Event.Channel));
        Assert.Equal("U0BOT", e.Authorizations![0].UserId);
        Assert.Equal("gap Exports time out", EventsEndpoint.StripMention(e.Event.Text!, "U0BOT"));
    }

    [Fact]
    public void UrlVerification_Fixture_ReadsChallenge()
    {
        var e = EventsEndpoint.Read(Fixture.Bytes("event-url-verification.json"))!;
        Assert.Equal(("url_verification", "Rb0ChallengeValue0001xYz"), (e.Type, e.Challenge));
    }

    [Theory]
    [InlineData("<@U0BOT> log mine", "U0BOT", "log mine")]
    [InlineData("<@U0BOT|recoverybot> log", "U0BOT", "log")]
    [InlineData("please <@U0BOT> show G-7", "U0BOT", "please   show G-7")]
    [InlineData("assign G-1 <@U0ANA> fri", "U0BOT", "assign G-1 <@U0ANA> fri")]
    [InlineData("<@U0BOT> help", null, "help")]
    public void StripMention_RemovesOnlyTheBot(string text, string? bot, string expected) =>
        Assert.Equal(expected, EventsEndpoint.StripMention(text, bot));

    [Theory]
    [InlineData("payload=%7Bnot-json")]
    [InlineData("nopayload=1")]
    [InlineData("payload=")]
    [InlineData("")]
    public void Interaction_Malformed_Null(string body) => Assert.Null(InteractivityEndpoint.Read(Fixture.Utf8(body)));

    [Theory]
    [InlineData("{\"type\":")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void Event_Malformed_Null(string body) => Assert.Null(EventsEndpoint.Read(Fixture.Utf8(body)));
}
