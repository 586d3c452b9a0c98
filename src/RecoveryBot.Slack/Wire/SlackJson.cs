using System.Text.Json.Serialization;
using RecoveryBot.Slack.BlockKit;

namespace RecoveryBot.Slack.Wire;

/// <summary>Every Slack payload, read and written with source-generated System.Text.Json (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(InteractionPayload))]
[JsonSerializable(typeof(ModalMeta))]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ViewsOpenRequest))]
[JsonSerializable(typeof(ConversationsOpenRequest))]
[JsonSerializable(typeof(ApiResult))]
[JsonSerializable(typeof(ChatResult))]
[JsonSerializable(typeof(PermalinkResult))]
[JsonSerializable(typeof(ConversationResult))]
[JsonSerializable(typeof(UserResult))]
[JsonSerializable(typeof(CommandResponse))]
[JsonSerializable(typeof(ViewErrors))]
[JsonSerializable(typeof(ChallengeReply))]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(ModalView))]
[JsonSerializable(typeof(IReadOnlyList<Block>))]
internal sealed partial class SlackJson : JsonSerializerContext;
