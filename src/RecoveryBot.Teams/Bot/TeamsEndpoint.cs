using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryBot.Core.App;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Auth;

namespace RecoveryBot.Teams.Bot;

/// <summary>
/// <c>POST /api/messages</c>: size cap → token → activity → serviceUrl/endorsement → one bot turn → answer.
/// Nothing from the body reaches the Core before the caller is authenticated (protocols.md B).
/// </summary>
internal sealed class TeamsEndpoint(TeamsOptions options, BotAuthenticator auth, IHostApplicationLifetime lifetime, RefusalTally refusals, ILogger<TeamsEndpoint> log)
{

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength > options.MaxBodyBytes) { Refuse(http, new AuthResult(413, "body too large")); return; }

        BotCaller? caller = null;
        if (options.Authentication == TeamsAuthentication.BotFramework)
        {
            var verdict = await auth.AuthenticateAsync(request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, http.RequestAborted);
            if (!verdict.Ok) { Refuse(http, verdict); return; }
            caller = verdict.Caller;
        }

        var body = await ReadBodyAsync(request, options.MaxBodyBytes, http.RequestAborted);
        if (body is null) { Refuse(http, new AuthResult(413, "body too large")); return; }
        if (Parse(body) is not { Type.Length: > 0 } activity) { http.Response.StatusCode = 400; return; }

        if (caller is not null && BotAuthenticator.Authorize(caller, activity) is { Ok: false } denied) { Refuse(http, denied); return; }

        // The turn runs to completion even if the caller hangs up: its writes and replies belong together. Teams gives
        // up after 15 s; a turn still running then is answered 200 and goes on, its replies posted to the conversation
        // through the connector when it is done (they never travel in the HTTP answer, except an invoke's own).
        var bot = http.RequestServices.GetRequiredService<TeamsBot>();
        var running = Task.Run(() => bot.HandleAsync(activity, lifetime.ApplicationStopping), lifetime.ApplicationStopping);
        BotResponse response;
        try
        {
            response = await running.WaitAsync(options.AnswerBudget, TimeProvider.System);
        }
        catch (TimeoutException)
        {
            _ = running.ContinueWith(t => log.LogWarning(t.Exception, "Teams {Type} activity failed after its answer", activity.Type),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            log.LogInformation("Teams {Type} activity answered before its turn finished ({Budget})", activity.Type, options.AnswerBudget);
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        log.LogDebug("Teams {Type} activity answered {Status}", activity.Type, response.Status);
        http.Response.StatusCode = response.Status;
        if (response.Body is { } answer)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(answer, answer.GetType(), TeamsJson.Wire), http.RequestAborted);
        }
    }

    // Each refusal at Debug (a flood of forged requests must not flood the log), their counts now and then as a Warning.
    private void Refuse(HttpContext http, AuthResult verdict)
    {
        log.LogDebug("Teams request refused with {Status}: {Reason}", verdict.Status, verdict.Reason);
        if (refusals.Record($"Teams {verdict.Status}") is { } counts) log.LogWarning("Refused requests: {Counts}", counts);
        http.Response.StatusCode = verdict.Status;
    }

    private static Activity? Parse(byte[] body)
    {
        try { return JsonSerializer.Deserialize(body, TeamsJson.Wire.Activity); }
        catch (JsonException) { return null; }
    }

    /// <summary>The body, or null when it is larger than <paramref name="max"/> bytes (a chunked body has no Content-Length).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, (int)(request.ContentLength ?? 16 * 1024) + 1));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max) return null;
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0) break;
                length += read;
                if (length > max) return null;
            }
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
