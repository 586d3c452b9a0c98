using System.Text.Json;
using System.Text.Json.Nodes;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Tests;

/// <summary>HTTP answers to Slack are written without HTML-safe escaping; they must stay valid JSON that reads back the same.</summary>
public sealed class AnswerJsonTests
{
    [Theory]
    [InlineData("`help &lt;command&gt;` — e.g. `help assign`")]
    [InlineData("quote \" backslash \\ slash / tab \t newline \n nul \0 bell \u0007")]
    [InlineData("</script><script>alert('x')</script> & +")]
    [InlineData("line\u2028para\u2029 emoji 🚑 accents éß 中文")]
    [InlineData("")]
    public void Answer_ValidJson_ReadsBackLikeTheDefaultEncoding(string text)
    {
        var blocks = new BlockBuilder().Lines([text]).Build();
        var value = new CommandResponse("ephemeral", text, blocks) { ReplaceOriginal = true };

        var relaxed = SlackJson.Answer(value, SlackJson.Default.CommandResponse);
        var strict = JsonSerializer.SerializeToUtf8Bytes(value, SlackJson.Default.CommandResponse);

        using var doc = JsonDocument.Parse(relaxed);
        Assert.Equal(text, doc.RootElement.GetProperty("text").GetString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(strict), JsonNode.Parse(relaxed)));
        Assert.True(relaxed.Length <= strict.Length);
    }

    [Fact]
    public void Answer_KeepsTheContextsNamingAndNullHandling()
    {
        var json = System.Text.Encoding.UTF8.GetString(SlackJson.Answer(new CommandResponse("ephemeral", "hi", null), SlackJson.Default.CommandResponse));

        Assert.Equal("""{"response_type":"ephemeral","text":"hi"}""", json);
    }
}
