using System.Text.Json.Serialization;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>A Block Kit text object: <c>plain_text</c> or <c>mrkdwn</c>.</summary>
internal sealed record TextObject(string Type, string Text)
{
    public static TextObject Plain(string text) => new("plain_text", text);

    public static TextObject Markdown(string text) => new("mrkdwn", text);
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(InputBlock), "input")]
[JsonDerivedType(typeof(RichTextBlock), "rich_text")]
internal abstract record Block
{
    public string? BlockId { get; init; }
}

internal sealed record HeaderBlock(TextObject Text) : Block;

internal sealed record SectionBlock(TextObject? Text) : Block
{
    public IReadOnlyList<TextObject>? Fields { get; init; }
}

internal sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : Block;

internal sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : Block;

internal sealed record DividerBlock : Block;

internal sealed record InputBlock(TextObject Label, InputElement Element) : Block
{
    public bool Optional { get; init; }
}

/// <summary>
/// Rich text: what it holds is shown literally (no mrkdwn is parsed), with explicit styles. Every line of Core text
/// goes out this way, so user text never turns into formatting, links or @channel.
/// </summary>
internal sealed record RichTextBlock(IReadOnlyList<RichElement> Elements) : Block;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RichSection), "rich_text_section")]
[JsonDerivedType(typeof(RichList), "rich_text_list")]
internal abstract record RichElement;

internal sealed record RichSection(IReadOnlyList<RichInline> Elements) : RichElement;

/// <summary>A list; <see cref="Style"/> is "bullet".</summary>
internal sealed record RichList(string Style, IReadOnlyList<RichSection> Elements) : RichElement;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RichText), "text")]
[JsonDerivedType(typeof(RichLink), "link")]
[JsonDerivedType(typeof(RichUser), "user")]
internal abstract record RichInline;

internal sealed record RichText(string Text, RichStyle? Style = null) : RichInline;

internal sealed record RichLink(string Url, string Text) : RichInline;

/// <summary>A real mention: Slack shows the person's name and notifies them.</summary>
internal sealed record RichUser([property: JsonPropertyName("user_id")] string UserId) : RichInline;

internal sealed record RichStyle(bool? Bold = null, bool? Italic = null, bool? Code = null)
{
    public static readonly RichStyle Strong = new(Bold: true);
    public static readonly RichStyle Emphasis = new(Italic: true);
    public static readonly RichStyle Mono = new(Code: true);
}

/// <summary>A button; <see cref="Style"/> is null, "primary" or "danger".</summary>
internal sealed record ButtonElement(TextObject Text, string ActionId, string? Value, string? Style = null)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "button";
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PlainTextInput), "plain_text_input")]
[JsonDerivedType(typeof(StaticSelect), "static_select")]
[JsonDerivedType(typeof(UsersSelect), "users_select")]
[JsonDerivedType(typeof(DatePicker), "datepicker")]
internal abstract record InputElement(string ActionId);

internal sealed record PlainTextInput(string ActionId) : InputElement(ActionId)
{
    public bool? Multiline { get; init; }
    public string? InitialValue { get; init; }
    public int? MaxLength { get; init; }
    public TextObject? Placeholder { get; init; }
}

internal sealed record StaticSelect(string ActionId, IReadOnlyList<SelectOption> Options) : InputElement(ActionId)
{
    public SelectOption? InitialOption { get; init; }
}

internal sealed record SelectOption(TextObject Text, string Value);

/// <summary>A person of the workspace; submitted as <c>selected_user</c> (a user id).</summary>
internal sealed record UsersSelect(string ActionId) : InputElement(ActionId)
{
    public string? InitialUser { get; init; }
    public TextObject? Placeholder { get; init; }
}

/// <summary>A calendar date; submitted as <c>selected_date</c> (YYYY-MM-DD).</summary>
internal sealed record DatePicker(string ActionId) : InputElement(ActionId)
{
    public string? InitialDate { get; init; }
    public TextObject? Placeholder { get; init; }
}

/// <summary>A modal for <c>views.open</c>.</summary>
internal sealed record ModalView(TextObject Title, IReadOnlyList<Block> Blocks, string CallbackId, string PrivateMetadata)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "modal";
    public TextObject? Submit { get; init; }
    public TextObject? Close { get; init; }
}

/// <summary>The App Home tab for <c>views.publish</c> (up to 100 blocks).</summary>
internal sealed record HomeView(IReadOnlyList<Block> Blocks)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "home";
}

/// <summary>A message body: the plain fallback <see cref="Text"/> and, optionally, blocks.</summary>
internal sealed record SlackMessage(string Text, IReadOnlyList<Block>? Blocks = null);
