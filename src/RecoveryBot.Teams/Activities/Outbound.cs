using System.Text.Json.Serialization;
using RecoveryBot.Teams.Cards;

namespace RecoveryBot.Teams.Activities;

/// <summary>A message the bot sends (reply, proactive post or update), protocols.md C.</summary>
internal sealed record OutboundActivity
{
    public string Type { get; init; } = ActivityTypes.Message;
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public required OutboundConversation Conversation { get; init; }
    public string? ReplyToId { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public IReadOnlyList<CardAttachment>? Attachments { get; init; }

    /// <summary>Mention entities for the <c>&lt;at&gt;</c> names in <see cref="Text"/>.</summary>
    public IReadOnlyList<Entity>? Entities { get; init; }
}

internal sealed record OutboundConversation(string Id);

internal sealed record CardAttachment(AdaptiveCard Content)
{
    public const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyOrder(-1)]
    public string ContentType { get; init; } = AdaptiveCardType;
}

/// <summary>The Connector's answer to a send: the new activity's id.</summary>
internal sealed record ResourceResponse(string? Id);

internal sealed record ConnectorError(ConnectorErrorBody? Error);

internal sealed record ConnectorErrorBody(string? Code, string? Message);

/// <summary>Body of the synchronous answer to an <c>adaptiveCard/action</c> invoke (universal action model).</summary>
internal abstract record InvokeResponse(int StatusCode, string Type);

internal sealed record InvokeCardResponse(AdaptiveCard Value)
    : InvokeResponse(200, CardAttachment.AdaptiveCardType);

internal sealed record InvokeMessageResponse(string Value)
    : InvokeResponse(200, "application/vnd.microsoft.activity.message");

/// <summary>An invoke Teams sent wrongly (no action, not an object): <c>statusCode</c> 400 with a readable message.</summary>
internal sealed record InvokeErrorResponse(InvokeError Value)
    : InvokeResponse(400, "application/vnd.microsoft.error");

internal sealed record InvokeError(string Code, string Message);

/// <summary>
/// The answer to a message extension's <c>composeExtension/fetchTask</c> or <c>submitAction</c>: a dialog with a card
/// (<c>continue</c>) or a line shown in the dialog (<c>message</c>).
/// </summary>
internal sealed record TaskModuleResponse(TaskModuleBody Task);

[System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(TaskModuleContinue), "continue")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(TaskModuleMessage), "message")]
internal abstract record TaskModuleBody;

internal sealed record TaskModuleContinue(TaskModuleInfo Value) : TaskModuleBody;

internal sealed record TaskModuleMessage(string Value) : TaskModuleBody;

internal sealed record TaskModuleInfo(string Title, CardAttachment Card)
{
    public string Height { get; init; } = "large";
    public string Width { get; init; } = "medium";
}

/// <summary>
/// <c>POST /v3/conversations</c>: the bot's 1:1 chat with one member of a tenant (protocols.md C). Teams answers
/// with the existing chat when there is one, so asking again is safe.
/// </summary>
internal sealed record ConversationParameters(bool IsGroup, ChannelAccount? Bot, IReadOnlyList<ChannelAccount> Members, string? TenantId, TeamsChannelData? ChannelData);

/// <summary>The Connector's answer to a create: the conversation's id (and, from some connectors, a serviceUrl).</summary>
internal sealed record ConversationResourceResponse(string? Id, string? ServiceUrl, string? ActivityId);
