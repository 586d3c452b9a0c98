using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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
[JsonSerializable(typeof(ViewsPublishRequest))]
[JsonSerializable(typeof(ConversationsOpenRequest))]
[JsonSerializable(typeof(ApiResult))]
[JsonSerializable(typeof(ChatResult))]
[JsonSerializable(typeof(PermalinkResult))]
[JsonSerializable(typeof(ConversationResult))]
[JsonSerializable(typeof(UserResult))]
[JsonSerializable(typeof(CommandResponse))]
[JsonSerializable(typeof(ViewErrors))]
[JsonSerializable(typeof(ChallengeReply))]
[JsonSerializable(typeof(OAuthAccess))]
[JsonSerializable(typeof(SocketMode.SocketEnvelope))]
[JsonSerializable(typeof(SocketMode.SocketAck))]
[JsonSerializable(typeof(SocketMode.ConnectionsOpenResult))]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(ModalView))]
[JsonSerializable(typeof(IReadOnlyList<Block>))]
internal sealed partial class SlackJson : JsonSerializerContext
{
    // Slack reads our answers with its JSON parser; they are never embedded in HTML or script. The HTML-safe default
    // encoder only inflates them (mrkdwn's &lt; becomes \u0026lt;, each backtick \u0060, each em dash \u2014), so
    // answers are written without it. Still valid JSON: quotes, backslashes and control characters are escaped as
    // always. Set on the writer, not on the options: an Encoder in the options turns off the source-generated fast path.
    private static readonly JsonWriterOptions AnswerWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A value as the UTF-8 JSON body of an HTTP answer to Slack.</summary>
    public static byte[] Answer<T>(T value, JsonTypeInfo<T> info)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, AnswerWriter))
        {
            JsonSerializer.Serialize(writer, value, info);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
