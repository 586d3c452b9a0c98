using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Endpoints;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.SocketMode;

/// <summary>
/// Runs a Socket Mode envelope through the same endpoint as its HTTP twin: the payload becomes the body Slack would
/// have POSTed (a form for slash commands, <c>payload=</c> for interactivity, the JSON for events), the endpoint
/// answers into memory, and that answer is the ack's payload. So both ways run the same turns and say the same.
/// </summary>
internal sealed class SocketDispatcher(CommandEndpoint commands, EventsEndpoint events, InteractivityEndpoint interactivity,
    IDeliveryClaims claims, ILogger<SocketDispatcher> log)
{
    private const string EnvelopeScope = "slack-envelope";

    /// <summary>The ack to send for <paramref name="envelope"/> (null for hello/disconnect and malformed messages).</summary>
    public async Task<byte[]?> HandleAsync(SocketEnvelope envelope, CancellationToken ct)
    {
        if (envelope.EnvelopeId is not { Length: > 0 } id) return null;
        var ack = new SocketAck(id, null);
        // Slack redelivers an envelope it saw no ack for (maybe to another connection or host); one that ran to the end is
        // only acked again. One still running elsewhere is not acked: its host may have died, and Slack's next
        // redelivery, after the claim's lease, runs it.
        if (envelope.Payload is not { ValueKind: JsonValueKind.Object } payload) return SlackJson.Answer(ack, SlackJson.Default.SocketAck);
        switch (await claims.ClaimAsync(EnvelopeScope, id, ct))
        {
            case ClaimOutcome.Finished: return SlackJson.Answer(ack, SlackJson.Default.SocketAck);
            case ClaimOutcome.Running: return null;
        }
        var (path, body, run) = envelope.Type switch
        {
            "slash_commands" => ("/slack/commands", Form(payload), (Func<HttpContext, Task>)commands.HandleAsync),
            "interactive" => ("/slack/interactivity", "payload=" + WebUtility.UrlEncode(payload.GetRawText()), interactivity.HandleAsync),
            "events_api" => ("/slack/events", payload.GetRawText(), events.HandleAsync),
            _ => ("", "", (Func<HttpContext, Task>?)null),
        };
        if (run is null)
        {
            log.LogInformation("Socket Mode envelope of type {Type} ignored", envelope.Type);
            return SlackJson.Answer(ack, SlackJson.Default.SocketAck);
        }
        var http = Request(path, body, ct);
        try
        {
            await run(http);
        }
        catch
        {
            await claims.ReleaseAsync(EnvelopeScope, id, CancellationToken.None);
            throw;
        }
        var status = http.Response.StatusCode;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // The event inside is still running elsewhere (see EventsEndpoint): no ack, so Slack delivers it again.
            await claims.ReleaseAsync(EnvelopeScope, id, CancellationToken.None);
            return null;
        }
        await claims.CompleteAsync(EnvelopeScope, id, CancellationToken.None);
        var answer = ((MemoryStream)http.Response.Body).ToArray();
        if (status != StatusCodes.Status200OK)
        {
            log.LogWarning("Socket Mode {Type} envelope answered {Status}; acknowledged without a payload", envelope.Type, status);
        }
        else if (answer.Length > 0 && envelope.AcceptsResponsePayload != false && http.Response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            using var doc = JsonDocument.Parse(answer);
            ack = ack with { Payload = doc.RootElement.Clone() };
        }
        return SlackJson.Answer(ack, SlackJson.Default.SocketAck);
    }

    private static DefaultHttpContext Request(string path, string body, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var http = new DefaultHttpContext { RequestAborted = ct };
        http.Features.Set(SocketModeRequest.Instance);
        http.Request.Method = HttpMethods.Post;
        http.Request.Path = path;
        http.Request.ContentType = path == "/slack/events" ? "application/json" : "application/x-www-form-urlencoded";
        http.Request.ContentLength = bytes.Length;
        http.Request.Body = new MemoryStream(bytes, writable: false);
        http.Response.Body = new MemoryStream();
        return http;
    }

    /// <summary>A slash command's payload (an object of strings) as the form body Slack POSTs.</summary>
    private static string Form(JsonElement payload) =>
        string.Join('&', payload.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            .Select(p => WebUtility.UrlEncode(p.Name) + "=" + WebUtility.UrlEncode(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())));
}
