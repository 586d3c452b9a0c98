using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RecoveryBot.Teams.Activities;

namespace RecoveryBot.Teams.Connector;

/// <summary>
/// The Bot Connector REST calls RecoveryBot makes (protocols.md C): reply, send to a conversation, update.
/// Paths are relative to the activity's serviceUrl; ids are escaped because they contain ':', '@' and ';'.
/// </summary>
internal sealed class ConnectorClient(HttpClient http, IConnectorTokens tokens, SendPacer pacer, TeamsOptions options, ILogger<ConnectorClient> log)
{
    private const int MaxErrorBody = 8 * 1024;

    public Task<string?> ReplyAsync(string serviceUrl, string conversationId, string activityId, OutboundActivity activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, serviceUrl, conversationId, $"v3/conversations/{E(conversationId)}/activities/{E(activityId)}", activity, ct);

    public Task<string?> SendToConversationAsync(string serviceUrl, string conversationId, OutboundActivity activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, serviceUrl, conversationId, $"v3/conversations/{E(conversationId)}/activities", activity, ct);

    public Task<string?> UpdateAsync(string serviceUrl, string conversationId, string activityId, OutboundActivity activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, serviceUrl, conversationId, $"v3/conversations/{E(conversationId)}/activities/{E(activityId)}", activity, ct);

    /// <summary>Opens (or finds) the bot's 1:1 chat with one person; returns its conversation id.</summary>
    public async Task<string> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(parameters, TeamsJson.Wire.ConversationParameters);
        var text = await SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", "v3/conversations", body, ct);
        ConversationResourceResponse? created = null;
        try { created = text.Length == 0 ? null : JsonSerializer.Deserialize(text, TeamsJson.Wire.ConversationResourceResponse); }
        catch (JsonException) { }
        return created?.Id is { Length: > 0 } id ? id : throw new ConnectorException(System.Net.HttpStatusCode.BadGateway, "NoConversationId", "Bot Connector created no conversation id");
    }

    /// <summary>
    /// One member of a conversation, by their Teams id or their Microsoft Entra (AAD) object id (the people picker's
    /// value); null when the conversation has no such member (404).
    /// </summary>
    public async Task<ChannelAccount?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken ct)
    {
        string text;
        try
        {
            text = await SendAsync(HttpMethod.Get, serviceUrl, conversationId, $"v3/conversations/{E(conversationId)}/members/{E(memberId)}", (byte[]?)null, ct);
        }
        catch (ConnectorException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        try { return text.Length == 0 ? null : JsonSerializer.Deserialize(text, TeamsJson.Wire.ChannelAccount); }
        catch (JsonException) { return null; }
    }

    private async Task<string?> SendAsync(HttpMethod method, string serviceUrl, string conversationId, string path, OutboundActivity activity, CancellationToken ct)
    {
        var text = await SendAsync(method, serviceUrl, conversationId, path, JsonSerializer.SerializeToUtf8Bytes(activity, TeamsJson.Wire.OutboundActivity), ct);
        return text.Length == 0 ? null : TryRead(text)?.Id;
    }

    private async Task<string> SendAsync(HttpMethod method, string serviceUrl, string conversationId, string path, byte[]? body, CancellationToken ct)
    {
        var uri = new Uri((serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/") + path, UriKind.Absolute);
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        if (options.Authentication == TeamsAuthentication.BotFramework && Trusted(uri) && await tokens.GetTokenAsync(ct) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await pacer.WaitTurnAsync(conversationId, ct);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.IsSuccessStatusCode) return await response.Content.ReadAsStringAsync(ct);
        var error = await ReadErrorAsync(response, ct);
        var operation = response.Headers.TryGetValues("X-Correlating-OperationId", out var ids) ? ids.FirstOrDefault() : null;
        log.LogWarning("Bot Connector {Method} {Host} answered {Status} {Code} (operation {Operation})",
            method, uri.Host, (int)response.StatusCode, error?.Code, operation);
        throw new ConnectorException(response.StatusCode, error?.Code, $"Bot Connector answered {(int)response.StatusCode} {error?.Code}".TrimEnd());
    }

    /// <summary>
    /// Bearer tokens only go to https Connector hosts named exactly in <see cref="TeamsOptions.TrustedServiceHosts"/>, and
    /// never in None mode; a local mock connector gets none (it needs none).
    /// </summary>
    internal bool Trusted(Uri uri) => uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort
        && options.TrustedServiceHosts.Any(h => uri.IdnHost.Equals(h, StringComparison.OrdinalIgnoreCase));

    private static string E(string id) => Uri.EscapeDataString(id);

    private static ResourceResponse? TryRead(string text)
    {
        try { return JsonSerializer.Deserialize(text, TeamsJson.Wire.ResourceResponse); }
        catch (JsonException) { return null; }
    }

    private static async Task<ConnectorErrorBody?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (text.Length is 0 or > MaxErrorBody) return null;
        try { return JsonSerializer.Deserialize(text, TeamsJson.Wire.ConnectorError)?.Error; }
        catch (JsonException) { return null; }
    }
}
