using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Bot;
using RecoveryBot.Teams.Cards;

namespace RecoveryBot.Teams;

/// <summary>Source-generated JSON for every Teams wire type: no reflection on the request path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 32)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(OutboundActivity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConnectorError))]
[JsonSerializable(typeof(InvokeCardResponse))]
[JsonSerializable(typeof(InvokeMessageResponse))]
[JsonSerializable(typeof(InvokeErrorResponse))]
[JsonSerializable(typeof(TaskModuleResponse))]
[JsonSerializable(typeof(AdaptiveCard))]
[JsonSerializable(typeof(CardElement))]
[JsonSerializable(typeof(ConversationAddress))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ChannelAccount))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(DirectAddress))]
internal sealed partial class TeamsJson : JsonSerializerContext
{
    /// <summary>
    /// The generated options plus relaxed escaping: this JSON goes to the Connector and Teams, never into HTML,
    /// so non-ASCII text stays as UTF-8 instead of six-byte \uXXXX escapes (cards stay smaller, logs readable).
    /// </summary>
    public static TeamsJson Wire { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 32,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
