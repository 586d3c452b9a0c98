using System.Text.Json;
using System.Text.Json.Serialization;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>
/// The reply an outbox row carries: a text line or a card document (check-in, retest reminder, …), or a personal post
/// ("direct": for the person, by direct message, with the channel post to fall back on).
/// </summary>
internal sealed record OutboxPayload(string Type, Audience To, string? Text = null, CardDoc? Card = null)
{
    public UserRef? Person { get; init; }
    public OutboxPayload? Personal { get; init; }
    public OutboxPayload? Fallback { get; init; }

    /// <summary>The message a card update replaces ("update").</summary>
    public string? MessageId { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OutboxPayload))]
[JsonSerializable(typeof(List<OutboxPayload>))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;

internal static class OutboxJson
{
    private static readonly OutboxJsonContext Ctx = new(StorageJson.With(OutboxJsonContext.Default.Options));

    public static string Write(Reply reply) => JsonSerializer.Serialize(Payload(reply), Ctx.OutboxPayload);

    /// <summary>A turn's posts to others (channel posts, card updates, direct messages with or without a fallback).</summary>
    public static string WriteAll(IReadOnlyList<Reply> replies) => JsonSerializer.Serialize(replies.Select(Payload).ToList(), Ctx.ListOutboxPayload);

    /// <summary>The posts, or null when the stored list cannot be read.</summary>
    public static IReadOnlyList<Reply>? TryReadAll(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize(json, Ctx.ListOutboxPayload)?.Select(FromPayload).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            return null;
        }
    }

    public static Reply Read(string json) => FromPayload(JsonSerializer.Deserialize(json, Ctx.OutboxPayload)
        ?? throw new InvalidDataException("empty outbox payload"));

    /// <summary>The reply, or null when the stored payload cannot be read (empty, corrupt, or of an unknown kind).</summary>
    public static Reply? TryRead(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return Read(json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            return null;
        }
    }

    private static OutboxPayload Payload(Reply reply) => reply switch
    {
        Reply.Text t => new OutboxPayload("text", t.To, Text: t.Message),
        Reply.Card card => new OutboxPayload("card", card.To, Card: card.Doc),
        Reply.UpdateCard u => new OutboxPayload("update", Audience.Channel, Card: u.Doc) { MessageId = u.MessageId },
        Reply.Direct { Personal: not Reply.Direct, Fallback: not Reply.Direct } d =>
            new OutboxPayload("direct", Audience.Actor) { Person = d.Person, Personal = Payload(d.Personal), Fallback = d.Fallback is { } f ? Payload(f) : null },
        _ => throw new NotSupportedException($"The outbox does not carry {reply.GetType().Name} posts."),
    };

    private static Reply FromPayload(OutboxPayload p) => p.Type switch
    {
        "text" when p.Text is not null => new Reply.Text(p.Text, p.To),
        "card" when p.Card is not null => new Reply.Card(p.Card, p.To),
        "update" when p.Card is not null && p.MessageId is { Length: > 0 } message => new Reply.UpdateCard(message, p.Card),
        "direct" when p.Person is not null && p.Personal is { Type: not "direct" } personal && p.Fallback is null or { Type: not "direct" } =>
            new Reply.Direct(p.Person, FromPayload(personal), p.Fallback is { } fallback ? FromPayload(fallback) : null),
        _ => throw new InvalidDataException($"unknown outbox payload '{p.Type}'"),
    };
}
