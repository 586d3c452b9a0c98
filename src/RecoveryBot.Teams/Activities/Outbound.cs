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
