using System.Text;
using RecoveryBot.Slack.Tests.Fakes;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Tests;

/// <summary>The slash-command reader picks its fields straight from the body, by the same rules as the full form parse.</summary>
public sealed class SlashCommandReaderTests
{
    private const string Ids = "team_id=T1&channel_id=C1&user_id=U1";

    public static TheoryData<string> Bodies() => new()
    {
        Fixture.Text("slash-command.txt"),
        Ids + "&text=help",
        Ids + "&text=gap+Reps+cannot%20see+it+%2B+more%3D%26",
        Ids + "&text=%C3%A9t%C3%A9+%F0%9F%9A%91",
        Ids + "&text=" + Uri.EscapeDataString("gap Café <@U2|ana> & co — ok"),
        Ids + "&text=caf\u00e9 raw utf-8",
        Ids + "&text=",
        Ids + "&text",
        Ids + "&text=a=b=c",
        "?" + Ids + "&text=leading+question+mark",
        "&&" + Ids + "&&text=empty+segments&&",
        "TEAM_ID=T1&Channel_Id=C1&USER_ID=U1&TEXT=upper+case+names",
        "team%5Fid=T1&channel%5fid=C1&user_id=U1&text=encoded+names",
        Ids + "&text=one&text=two",
        Ids + "&text=one&TEXT=two",
        Ids + "&user_name=a&user_name=b&user_name=c",
        Ids + "&user_name=&command=&trigger_id=&response_url=",
        Ids + "&text=100%25+bad%ZZ+%E2%82",
        "team_id=T1&channel_id=C1&user_id=U1&user_id=U2",
        "team_id=T1&channel_id=C1",
        "team_id=&channel_id=C1&user_id=U1",
        "%%%",
        "",
        "=&=x&a",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void From_Body_SameAsFromTheParsedForm(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Assert.Equal(SlashCommand.From(FormBody.Parse(bytes)), SlashCommand.From(bytes));
    }

    [Fact]
    public void From_Body_ReadsTheFields()
    {
        var command = SlashCommand.From(Fixture.Bytes("slash-command.txt"))!;

        Assert.Equal(("T0RECOV", "C0PILOT", "U0LEAD", "lead", "/recovery"), (command.TeamId, command.ChannelId, command.UserId, command.UserName, command.Command));
        Assert.Equal("gap Reps cannot see the deal risk field", command.Text);
        Assert.Equal("https://hooks.slack.com/commands/T0RECOV/1795521600001/Rb0CmdResponseUrl0001", command.ResponseUrl);
    }

    [Theory]
    [InlineData(Ids + "&text=one&text=two", "")]
    [InlineData(Ids + "&user_name=a&user_name=b", "U1")]
    public void From_RepeatedField_CountsAsMissing(string body, string expected)
    {
        var command = SlashCommand.From(Encoding.UTF8.GetBytes(body))!;

        Assert.Equal(expected, body.Contains("user_name", StringComparison.Ordinal) ? command.UserName : command.Text);
    }
}
