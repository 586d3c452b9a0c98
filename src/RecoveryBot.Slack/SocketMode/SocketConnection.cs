using System.Buffers;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryBot.Slack.Api;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode connection: apps.connections.open with the app-level token, then the WebSocket it names. Each
/// envelope is handled on its own task and acked by envelope_id; the connection ends on a <c>disconnect</c> message
/// or when the socket drops, and the caller opens the next one.
/// </summary>
internal sealed class SocketConnection(IHttpClientFactory factory, SocketDispatcher dispatcher, IOptions<SlackOptions> options,
    ILogger<SocketConnection> log)
{
    public const string ConnectionsOpen = "apps.connections.open";
    private const int MaxMessageBytes = 1024 * 1024;

    /// <summary>Runs one connection until Slack asks to reconnect (returns the reason) or it fails (throws).</summary>
    public async Task<string> RunAsync(int slot, CancellationToken stop)
    {
        var url = await OpenAsync(stop);
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        await socket.ConnectAsync(url, stop);
        using var sending = new SemaphoreSlim(1, 1);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var (message, closed) = await ReceiveAsync(socket, buffer, stop);
                if (closed) throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "Slack closed the socket");
                if (message is null) continue;
                switch (message.Type)
                {
                    case "hello":
                        log.LogInformation("Slack Socket Mode connection {Slot} open ({Connections} connected)", slot, message.NumConnections);
                        break;
                    case "disconnect":
                        await CloseQuietlyAsync(socket);
                        return message.Reason ?? "disconnect";
                    default:
                        _ = AckAsync(socket, sending, message, stop);
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task AckAsync(ClientWebSocket socket, SemaphoreSlim sending, SocketEnvelope envelope, CancellationToken stop)
    {
        try
        {
            if (await dispatcher.HandleAsync(envelope, stop) is not { } ack) return;
            await sending.WaitAsync(stop);
            try
            {
                await socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, stop);
            }
            finally
            {
                sending.Release();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            // Unacked, Slack delivers the envelope again (on this or another connection).
            log.LogWarning(e, "Slack Socket Mode envelope {Type} was not acknowledged", envelope.Type);
        }
    }

    private static async Task<(SocketEnvelope? Message, bool Closed)> ReceiveAsync(ClientWebSocket socket, byte[] buffer, CancellationToken stop)
    {
        using var whole = new MemoryStream();
        while (true)
        {
            var part = await socket.ReceiveAsync(buffer.AsMemory(), stop);
            if (part.MessageType == WebSocketMessageType.Close) return (null, true);
            whole.Write(buffer, 0, part.Count);
            if (whole.Length > MaxMessageBytes) throw new WebSocketException(WebSocketError.Faulted, "Socket Mode message too large");
            if (!part.EndOfMessage) continue;
            try
            {
                return (JsonSerializer.Deserialize(whole.GetBuffer().AsSpan(0, (int)whole.Length), SlackJson.Default.SocketEnvelope), false);
            }
            catch (JsonException)
            {
                return (null, false);
            }
        }
    }

    private async Task<Uri> OpenAsync(CancellationToken stop)
    {
        var api = options.Value.ApiBaseUrl.AbsoluteUri;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(api.EndsWith('/') ? api : api + "/"), ConnectionsOpen));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AppToken);
        using var response = await factory.CreateClient(SlackApiClient.HttpClientName).SendAsync(request, stop);
        if (!response.IsSuccessStatusCode) throw new SlackApiException(ConnectionsOpen, $"http_{(int)response.StatusCode}");
        var result = await response.Content.ReadFromJsonAsync(SlackJson.Default.ConnectionsOpenResult, stop);
        if (result is not { Ok: true, Url: { } url }) throw new SlackApiException(ConnectionsOpen, result?.Error ?? "invalid_response");
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "wss" || uri.Scheme == "ws")
            ? uri : throw new SlackApiException(ConnectionsOpen, "invalid_url");
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", limit.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Slack closes it too; nothing is waiting on this one.
        }
    }
}
