using System.Text;
using RecoveryBot.Core.Commands;

namespace RecoveryBot.Core.Tests.Commands;

/// <summary>Parse must answer every input with a command or one clean line; it never throws.</summary>
public class ParserRobustnessTests
{
    private static readonly string[] Pieces =
    [
        "assign", "ASSIGN", "ready", "retest", "training", "due", "because", "start", "tz", "settings", "checkin",
        "log", "page", "help", "gap", "scope:", "approve", "reject", "signoff", "go/no-go", "/recovery", "asign",
        "G-7", "g-7", "G-0", "G-999999999999", "G-", "G--1", "CR-3", "CR-99999999999", "CR-", "-", "+", "+d",
        "<@U1|Ana>", "<@U123ABC>", "<@29:1abc|Dana Ruiz>", "<@", "<@>", "<@|>", "<@U1|", "|", ">", "<", "@",
        "fri", "tues", "today", "tomorrow", "+3d", "+99999w", "in", "3", "days", "dec", "4", "feb", "30", "4th",
        "2026-12-04", "2026-02-30", "0000-00-00", "9999-99-99", "16:00", "25:61", "4pm", "12am", "Europe/Berlin",
        "Mars/Base", "localtime", "UTC", "on", "off", "`", "``", "…", "👩‍💻", "\uD800", "\uDFFF", "\uFFFD",
        "\u202E", "\u200B", "\uFEFF", "\0", "\t", "\r\n", "\u0085", "\u2028", "\u00A0", "é", "ß", "İ", "日本語",
        "١٢٣", "２０２６", "%s", "{0}", "\\", "\"", "'",
    ];

    public static TheoryData<string?> EdgeInputs => new()
    {
        null, "", " ", "\0", "\uD800", "\uDC00abc", "\uD800\uD800", new string('x', 10_000),
        "assign " + new string('x', 10_000), "gap " + new string('\u0007', 10_000), new string('x', 20_000),
        "<@" + new string('x', 10_000), "<@" + new string('x', 10_000) + ">", "approver <@" + new string('u', 300) + "|Ana>",
        "assign G-999999999999 <@U1|Ana> fri", "show G-2147483648", "log page 99999999999", "review fri 99999999:00",
        "assign G-7 <@U1|Ana> +2147483647d", "milestone 2147483647 dec x", string.Concat(Enumerable.Repeat("<@U1|A>", 2000)),
        string.Concat(Enumerable.Repeat("\uD83D", 5000)), "ready G-7 retest <@U1|A> thu training",
    };

    [Theory]
    [MemberData(nameof(EdgeInputs))]
    public void Parse_EdgeInput_ReturnsOkOrOneLineError(string? input) => AssertWellFormed(input);

    [Fact]
    public void Parse_SeededRandomInputs_NeverThrowAndAnswerOnOneLine()
    {
        var random = new Random(20261025);
        for (var i = 0; i < 4000; i++)
        {
            var input = i % 4 == 0 ? RandomChars(random) : RandomWords(random);
            AssertWellFormed(input);
        }
    }

    private static string RandomWords(Random random)
    {
        var text = new StringBuilder();
        var count = random.Next(0, 9);
        for (var i = 0; i < count; i++)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
            if (random.Next(5) > 0) text.Append(random.Next(10) == 0 ? "\n" : " ");
        }
        if (random.Next(50) == 0) text.Append(new string('y', random.Next(900, 11_000)));
        return text.ToString();
    }

    private static string RandomChars(Random random)
    {
        var length = random.Next(0, random.Next(10) == 0 ? 10_240 : 64);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            // Mostly ASCII, with control characters, surrogates (often unpaired) and the rest of the BMP.
            chars[i] = random.Next(4) switch
            {
                0 => (char)random.Next(0, 0x20),
                1 => (char)random.Next(0xD800, 0xE000),
                2 => (char)random.Next(0, 0x10000),
                _ => (char)random.Next(0x20, 0x7F),
            };
        }
        return new string(chars);
    }

    private static void AssertWellFormed(string? input)
    {
        var result = CommandParser.Parse(input);

        switch (result)
        {
            case ParseResult.Ok ok:
                Assert.NotNull(ok.Command);
                AssertCleanText(ok.Command.ToString());
                break;
            case ParseResult.Error error:
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                AssertCleanText(error.Message);
                AssertCleanText(error.Line);
                Assert.True(error.Message.Length <= 300, error.Message);
                break;
            default:
                Assert.Fail($"Unexpected result {result}");
                break;
        }
    }

    /// <summary>One line, no control characters, and valid UTF-16 so it can be serialised to JSON as-is.</summary>
    private static void AssertCleanText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            Assert.False(char.IsControl(c), $"control character U+{(int)c:X4} in: {text}");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else Assert.False(char.IsSurrogate(c), $"lone surrogate in: {text}");
        }
    }
}
