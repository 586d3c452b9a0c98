using System.Text.Json;

namespace RecoveryBot.Teams.Activities;

/// <summary>
/// Where to post proactively in Teams: the conversation reference kept as <c>Turn.Address</c> / <c>Recovery.Address</c>.
/// <see cref="ConversationId"/> is the channel (thread suffix stripped), the group chat or the personal chat.
/// </summary>
public sealed record ConversationAddress(string ServiceUrl, string ConversationId, string? TenantId, string? BotId, string? BotName = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, TeamsJson.Wire.ConversationAddress);

    /// <summary>Reads an address written by <see cref="ToJson"/>; false for anything else (e.g. a Slack address).</summary>
    public static bool TryParse(string? json, out ConversationAddress address)
    {
        address = null!;
        if (string.IsNullOrWhiteSpace(json) || json[0] != '{') return false;
        try
        {
            var parsed = JsonSerializer.Deserialize(json, TeamsJson.Wire.ConversationAddress);
            if (parsed is not { ServiceUrl.Length: > 0, ConversationId.Length: > 0 }) return false;
            if (!Uri.TryCreate(parsed.ServiceUrl, UriKind.Absolute, out _)) return false;
            address = parsed;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
