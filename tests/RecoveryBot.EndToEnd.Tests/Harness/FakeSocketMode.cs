using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace RecoveryBot.EndToEnd.Tests.Harness;

/// <summary>An envelope's ack as the host sent it, and how long after the envelope went out.</summary>
public sealed record SocketAckSeen(string EnvelopeId, JsonElement? Payload, TimeSpan After);

/// <summary>
/// Socket Mode as Slack documents it: apps.connections.open (app-level token) answers a one-time WebSocket URL; each
/// connection gets <c>hello</c>, then envelopes <c>{envelope_id, type, payload, accepts_response_payload, retry_attempt,
/// retry_reason}</c>, and must answer <c>{envelope_id, payload?}</c>. <see cref="DisconnectAsync"/> sends
/// <c>disconnect</c> (refresh_requested); <see cref="DropAll"/> aborts the sockets. Envelopes not acked on a socket
/// that goes away are delivered again on another one (retry_attempt + 1), and envelopes sent while no socket is open
/// wait for the next one.
/// </summary>
public sealed class FakeSocketMode
{
    public const string AppToken = "xapp-1-A0RECOV-1-e2eapptoken7a3f";

    private sealed record Envelope(string Id, string Type, JsonNode Payload, int Attempt, Stopwatch Clock);

    private sealed class Connection(WebSocket socket, int number)
    {
        public WebSocket Socket => socket;
        public int Number => number;
        public SemaphoreSlim Sending { get; } = new(1, 1);
        public ConcurrentDictionary<string, Envelope> Unacked { get; } = new(StringComparer.Ordinal);
    }

    private readonly ConcurrentDictionary<int, Connection> _open = new();
    private readonly ConcurrentQueue<Envelope> _waiting = new();
    private readonly ConcurrentDictionary<string, SocketAckSeen> _acks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _tickets = new(StringComparer.Ordinal);
    private int _opened;
    private int _next;

    public Uri WebSocketBase { get; set; } = null!;

    public int OpenConnections => _open.Count;

    /// <summary>Connections the host has opened so far.</summary>
    public int ConnectionsOpened => Volatile.Read(ref _opened);

    public IReadOnlyDictionary<string, SocketAckSeen> Acks => _acks;

    public string ConnectionsOpen(string? authorization)
    {
        if (authorization != "Bearer " + AppToken) return """{"ok":false,"error":"invalid_auth"}""";
        var ticket = Guid.NewGuid().ToString("N");
        _tickets[ticket] = 0;
        return JsonSerializer.Serialize(new { ok = true, url = new Uri(WebSocketBase, $"/link/?ticket={ticket}&app_id={SlackWorkspace.AppId}").AbsoluteUri });
    }

    public async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || !_tickets.TryRemove(http.Request.Query["ticket"].ToString(), out _))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var c = new Connection(socket, Interlocked.Increment(ref _opened));
        _open[c.Number] = c;
        try
        {
            await SendAsync(c, new JsonObject
            {
                ["type"] = "hello", ["num_connections"] = _open.Count,
                ["debug_info"] = new JsonObject { ["host"] = "applink-e2e", ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
                ["connection_info"] = new JsonObject { ["app_id"] = SlackWorkspace.AppId },
            });
            _ = Task.Run(PumpAsync);
            await ReadAcksAsync(c);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The host went away or the test dropped the socket.
        }
        finally
        {
            _open.TryRemove(c.Number, out _);
            foreach (var e in c.Unacked.Values) _waiting.Enqueue(e with { Attempt = e.Attempt + 1 });
            _ = Task.Run(PumpAsync);
        }
    }

    /// <summary>Sends an envelope (to an open connection, or to the next one that opens); returns its envelope_id.</summary>
    public string Send(string type, JsonNode payload)
    {
        var id = Guid.NewGuid().ToString();
        _waiting.Enqueue(new Envelope(id, type, payload, 0, Stopwatch.StartNew()));
        _ = Task.Run(PumpAsync);
        return id;
    }

    public async Task<SocketAckSeen> WaitForAck(string id, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!_acks.ContainsKey(id))
        {
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(30))) Assert.Fail($"envelope {id} was not acknowledged; {_acks.Count} acks, {_open.Count} open connections");
            await Task.Delay(20);
        }
        return _acks[id];
    }

    public async Task WaitForConnections(int open, int openedAtLeast = 0, int seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        while (OpenConnections != open || ConnectionsOpened < openedAtLeast)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) Assert.Fail($"expected {open} open connections (opened ≥ {openedAtLeast}); {OpenConnections} open, {ConnectionsOpened} opened");
            await Task.Delay(20);
        }
    }

    /// <summary>Slack's warning before it closes a connection: <c>disconnect</c> with reason refresh_requested.</summary>
    public async Task DisconnectAsync()
    {
        var c = _open.Values.OrderBy(x => x.Number).First();
        await SendAsync(c, new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested", ["debug_info"] = new JsonObject { ["host"] = "applink-e2e" } });
    }

    /// <summary>Every open socket is cut without a close handshake.</summary>
    public void DropAll()
    {
        foreach (var c in _open.Values) c.Socket.Abort();
    }

    private async Task PumpAsync()
    {
        while (!_open.IsEmpty && _waiting.TryDequeue(out var e))
        {
            var targets = _open.Values.OrderBy(x => x.Number).ToList();
            if (targets.Count == 0)
            {
                _waiting.Enqueue(e);
                return;
            }
            var c = targets[Interlocked.Increment(ref _next) % targets.Count];
            c.Unacked[e.Id] = e;
            try
            {
                await SendAsync(c, new JsonObject
                {
                    ["envelope_id"] = e.Id, ["type"] = e.Type, ["payload"] = e.Payload.DeepClone(),
                    ["accepts_response_payload"] = e.Type != "events_api", ["retry_attempt"] = e.Attempt, ["retry_reason"] = e.Attempt > 0 ? "timeout" : "",
                });
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The connection is going away; its finally block re-queues what it holds.
            }
        }
    }

    private async Task ReadAcksAsync(Connection c)
    {
        var buffer = new byte[64 * 1024];
        while (c.Socket.State == WebSocketState.Open)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult part;
            do
            {
                part = await c.Socket.ReceiveAsync(buffer, CancellationToken.None);
                if (part.MessageType == WebSocketMessageType.Close) return;
                message.Write(buffer, 0, part.Count);
            } while (!part.EndOfMessage);
            using var doc = JsonDocument.Parse(message.ToArray());
            var id = doc.RootElement.GetProperty("envelope_id").GetString()!;
            if (c.Unacked.TryRemove(id, out var e))
            {
                JsonElement? payload = doc.RootElement.TryGetProperty("payload", out var p) ? p.Clone() : null;
                _acks.TryAdd(id, new SocketAckSeen(id, payload, e.Clock.Elapsed));
            }
        }
    }

    private static async Task SendAsync(Connection c, JsonObject message)
    {
        await c.Sending.WaitAsync();
        try
        {
            await c.Socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            c.Sending.Release();
        }
    }
}
