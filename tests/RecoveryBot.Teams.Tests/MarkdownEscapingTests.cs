using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Cards;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>User text shows as typed in Teams: message markdown (with its HTML subset) and card markdown are escaped.</summary>
public sealed class MarkdownEscapingTests
{
    private const string Markup = "<b>bold</b> **star** _u_ [link](http://x)";

    [Theory]
    [InlineData(Markup, @"&lt;b&gt;bold&lt;/b&gt; \*\*star\*\* \_u\_ \[link\](http://x)")]
    [InlineData("<at>Dana Ruiz</at> please", "&lt;at&gt;Dana Ruiz&lt;/at&gt; please")]
    [InlineData("AT&T ~~gone~~ a\\b", @"AT&amp;T \~\~gone\~\~ a\\b")]
    [InlineData("my_feature_branch", @"my\_feature\_branch")]
    [InlineData("# one\n- two\n+ three\n12. four\n3) five\n===\n| a |", "\\# one\n\\- two\n\\+ three\n12\\. four\n3\\) five\n\\===\n\\| a |")]
    [InlineData("> quoted\n    indented *x*", "&gt; quoted\nindented \\*x\\*")]
    [InlineData("G-1 logged by Ana: Quotes fail on mobile (since 2.3). 3 open.", "G-1 logged by Ana: Quotes fail on mobile (since 2.3). 3 open.")]
    public void Message_EscapesHtmlAndMarkdown(string line, string expected) => Assert.Equal(expected, TeamsMarkdown.Message(line));

    [Theory]
    [InlineData("Type `start` to begin, or `help`.")]
    [InlineData("Double ``code with ` inside`` stays")]
    [InlineData("Summary: https://bot.test/recoveries/r1/summary?sig=a_b-c.d&x=1")]
    public void Message_KeepsCodeSpansAndLinks(string line) => Assert.Equal(line, TeamsMarkdown.Message(line));

    /// <summary>
    /// Teams clients show the raw &lt; &gt; &amp; of a code span as entities (the Agents Playground shows
    /// "start &amp;lt;name&amp;gt;"), and entities do not work inside code: such a span loses its backticks instead.
    /// </summary>
    [Theory]
    [InlineData("Type `start <name>` to begin.", "Type start &lt;name&gt; to begin.")]
    [InlineData("Unknown command `<b>x</b> **y**`. Type `help`.", @"Unknown command &lt;b&gt;x&lt;/b&gt; \*\*y\*\*. Type `help`.")]
    [InlineData("`a & b` and `c`", "a &amp; b and `c`")]
    public void Message_CodeSpanWithAngleBracketsOrAmpersand_IsPlainText(string line, string expected) =>
        Assert.Equal(expected, TeamsMarkdown.Message(line));

    [Theory]
    [InlineData("it`s broken", @"it\`s broken")]
    [InlineData("``unclosed` run", @"\`\`unclosed\` run")]
    [InlineData("see https://x.test/a_b_. next_", @"see https://x.test/a_b\_. next\_")]
    [InlineData("https://x.test/**b** and <https://y.test>", @"https://x.test/\*\*b\*\* and &lt;https://y.test&gt;")]
    public void Message_UnpairedBackticksAndUrlEdges_AreEscaped(string line, string expected) => Assert.Equal(expected, TeamsMarkdown.Message(line));

    [Theory]
    [InlineData(Markup, @"\<b\>bold\</b\> \*\*star\*\* \_u\_ \[link\]\(http://x)")]
    [InlineData("Größe — <b>&", @"Größe — \<b\>\&")]
    [InlineData("- not a list\r1. nor this", "\\- not a list\r1\\. nor this")]
    [InlineData("`show G-7` opens it", @"\`show G-7\` opens it")]
    public void Card_EscapesMarkdownAndHtml(string text, string expected) => Assert.Equal(expected, TeamsMarkdown.Card(text));

    [Theory]
    [InlineData(Markup)]
    [InlineData("x\\*y\\ `a` ``b`` <i>&amp;</i> ]( [ ] _a_b_ ~x~ | # - 1. https://h.test/p_q?r=s&t")]
    [InlineData("line one\n# two\n\n- three `code`")]
    public void Escaping_IsLossless_UnderCommonMarkRules(string text)
    {
        Assert.Equal(text, Literal(TeamsMarkdown.Message(text), entities: true));
        Assert.Equal(text, Literal(TeamsMarkdown.Card(text), entities: false));
    }

    [Fact]
    public void GapCard_ShowsTheTitleLiterally_AndFactsEscaped()
    {
        var g = CardSamples.Gap(3, title: Markup) with { Affected = "**everyone** <b>x</b> &lt;" };
        var card = Json(CardRenderer.Render(GapDocs.Detail(Testing.DocSamples.Recovery("Quotes [beta]"), g, CardSamples.Today,
            [new HistoryEvent(g.Id, CardSamples.Now, CardSamples.Lena, "status", "open", "planned", "_urgent_")], [])));
        var texts = CardText.Texts(card);

        // Rich text runs are not markdown: the title and the recovery's name are there exactly as typed.
        Assert.Contains("Quotes [beta]", texts);
        Assert.Contains("G-3 " + Markup, texts);
        Assert.Contains(texts, t => t.StartsWith("• Mon 30 Nov 2026 09:00 — Lena Ortiz: status open → planned", StringComparison.Ordinal)
            && t.EndsWith("(_urgent_)", StringComparison.Ordinal));
        var facts = card["body"]!.AsArray().Where(e => (string?)e!["type"] == "FactSet").SelectMany(e => e!["facts"]!.AsArray());
        Assert.Contains(facts, f => (string?)f!["title"] == "Affected" && (string?)f["value"] == @"\*\*everyone\*\* \<b\>x\</b\> \&lt;");
        var (exit, output) = CardValidator.RunOne(card.ToJsonString());
        Assert.True(exit == 0, output);
    }

    private static JsonObject Json(AdaptiveCard card) => JsonNode.Parse(JsonSerializer.Serialize(card, TeamsJson.Wire.AdaptiveCard))!.AsObject();

    /// <summary>
    /// What a CommonMark renderer shows for text that holds no markup but code spans: backslash escapes and
    /// (in messages) the three entities decoded, code span contents as they are. Leading blanks are not kept.
    /// </summary>
    private static string Literal(string escaped, bool entities)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c == '\\' && i + 1 < escaped.Length && char.IsAsciiLetterOrDigit(escaped[i + 1]) is false && escaped[i + 1] > ' ' && escaped[i + 1] < 127)
            {
                sb.Append(escaped[++i]);
            }
            else if (entities && c == '&' && Entity(escaped, i) is { } e)
            {
                sb.Append(e.Char);
                i += e.Length - 1;
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static (char Char, int Length)? Entity(string s, int i) =>
        s.AsSpan(i).StartsWith("&amp;") ? ('&', 5) : s.AsSpan(i).StartsWith("&lt;") ? ('<', 4) : s.AsSpan(i).StartsWith("&gt;") ? ('>', 4) : null;
}
