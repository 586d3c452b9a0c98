namespace RecoveryBot.Core.Commands;

/// <summary>User text quoted inside a reply.</summary>
internal static class Echo
{
    private const int MaxLength = 40;

    /// <summary>Backticked, on one clean line, mentions shown as <c>@Name</c>, and cut short so the reply stays readable.</summary>
    public static string Quote(string text)
    {
        var plain = Mentions.ToPlainText(Tokenizer.Normalize(text)).Replace('`', '\'');
        if (plain.Length > MaxLength)
        {
            var keep = MaxLength - 1;
            if (char.IsHighSurrogate(plain[keep - 1])) keep--;
            plain = string.Concat(plain.AsSpan(0, keep), "…");
        }
        return "`" + plain + "`";
    }
}
