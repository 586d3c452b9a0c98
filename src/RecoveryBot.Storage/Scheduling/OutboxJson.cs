using System.Text.Json;
using System.Text.Json.Serialization;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>The reply an outbox row carries: a text line, a check-in card or a retest card.</summary>
internal sealed record OutboxPayload(string Type, Audience To, string? Text = null, CheckinCard? Checkin = null, RetestCard? Retest = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OutboxPayload))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;

internal static class OutboxJson
{
    public static string Write(Reply reply) => JsonSerializer.Serialize(reply switch
    {
        Reply.Text t => new OutboxPayload("text", t.To, Text: t.Message),
        Reply.Card { View: CheckinCard c } card => new OutboxPayload("checkin", card.To, Checkin: c),
        Reply.Card { View: RetestCard c } card => new OutboxPayload("retest", card.To, Retest: c),
        _ => throw new NotSupportedException($"The outbox does not carry {reply.GetType().Name} posts."),
    }, OutboxJsonContext.Default.OutboxPayload);

    public static Reply Read(string json)
    {
        var p = JsonSerializer.Deserialize(json, OutboxJsonContext.Default.OutboxPayload)
            ?? throw new InvalidDataException("empty outbox payload");
        return p.Type switch
        {
            "text" when p.Text is not null => new Reply.Text(p.Text, p.To),
            "checkin" when p.Checkin is not null => new Reply.Card(p.Checkin, p.To),
            "retest" when p.Retest is not null => new Reply.Card(p.Retest, p.To),
            _ => throw new InvalidDataException($"unknown outbox payload '{p.Type}'"),
        };
    }
}
