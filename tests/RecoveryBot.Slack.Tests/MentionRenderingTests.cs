using System.Text.Json;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Tests;

public class MentionRenderingTests
{
    private static readonly UserRef Ana = new("U0ANA", "Ana <Silva>");

    [Fact]
    public void Text_PersonMention_IsARichTextUserElementAndAnAtTokenInTheFallback()
    {
        var message = CardRenderer.Text($"{Fmt.At(Ana)}, G-7 is overdue.");
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(message, SlackJson.Default.Options));

        Assert.Equal("<@U0ANA>, G-7 is overdue.", json.RootElement.GetProperty("text").GetString());
        var inline = json.RootElement.GetProperty("blocks")[0].GetProperty("elements")[0].GetProperty("elements")[0];
        Assert.Equal("user", inline.GetProperty("type").GetString());
        Assert.Equal("U0ANA", inline.GetProperty("user_id").GetString());
    }

    [Fact]
    public void Text_PersonWithoutASlackId_IsTheirNameEscaped()
    {
        var message = CardRenderer.Text($"{Fmt.At(new UserRef("not an id", "Ana <Silva>"))} asked.");

        Assert.Equal("Ana &lt;Silva&gt; asked.", message.Text);
        Assert.DoesNotContain("\"user\"", JsonSerializer.Serialize(message, SlackJson.Default.Options), StringComparison.Ordinal);
    }
}

public class PickCodecTests
{
    [Fact]
    public void Value_RecoveryPick_RoundTripsTheRecoveryAndTheCommand()
    {
        var view = new ActionView(CardVerbs.InRecovery, "Billing") { Recovery = "r0123456789abcdef01234567", Command = "broken G-7 still: fails" };

        var click = ActionCodec.Decode(ActionCodec.ActionId(view.Verb), ActionCodec.Value(view));

        Assert.Equal(CardVerbs.InRecovery, click.Action.Verb);
        Assert.Equal("r0123456789abcdef01234567", click.Action.Input(FormFields.Recovery));
        Assert.Equal("broken G-7 still: fails", click.Action.Input(FormFields.Command));
    }
}
