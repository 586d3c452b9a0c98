namespace RecoveryBot.Slack.BlockKit;

/// <summary>Block Kit limits (docs.slack.dev/reference/block-kit); the renderer never exceeds them.</summary>
internal static class SlackLimits
{
    public const int MessageBlocks = 50;
    public const int ModalBlocks = 100;
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int FieldText = 2000;
    public const int HeaderText = 150;
    public const int ContextElements = 10;
    public const int ActionElements = 25;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ActionId = 255;
    public const int SelectOptions = 100;
    public const int ModalTitle = 24;
    public const int ModalButton = 24;
    public const int PrivateMetadata = 3000;
    public const int InputLabel = 2000;
    public const int InitialValue = 3000;
    public const int Placeholder = 150;
    public const int OptionText = 75;

    /// <summary>Our budget for all block text of one message (Slack's msg_blocks_too_long starts near 13k).</summary>
    public const int TotalText = 11_000;

    /// <summary>chat.postMessage truncates <c>text</c> above 40,000 characters; we stay well below.</summary>
    public const int MessageText = 3900;

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> characters, ending in "…" when cut, never inside a surrogate pair.</summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>Cuts without a marker, for values that must stay intact in form (titles, initial values).</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = max;
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut];
    }
}
