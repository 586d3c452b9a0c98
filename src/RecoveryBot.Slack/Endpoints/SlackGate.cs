using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Signing;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Endpoints;

/// <summary>A request body read into a pooled buffer; valid until disposed.</summary>
internal sealed class SlackBody(byte[] buffer, int length) : IDisposable
{
    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, length);

    public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
}

/// <summary>
/// What every Slack request passes before anything reads it: the channel is configured (else 404), the body is
/// within the size cap (else 413), and the signature over the raw bytes is valid (else 401).
/// </summary>
internal sealed class SlackGate(IOptions<SlackOptions> options, TimeProvider time, RefusalTally refusals, ILogger<SlackGate> log)
{
    private readonly SlackSignature _signature = new(options.Value.SigningSecret, time);

    /// <summary>The verified body, or null when the response was already written.</summary>
    public async Task<SlackBody?> ReadVerifiedAsync(HttpContext http)
    {
        var max = options.Value.MaxBodyBytes;
        // A Socket Mode envelope arrived over the connection the app-level token opened; it carries no signature.
        var socket = http.Features.Get<SocketMode.SocketModeRequest>() is not null;
        if (!options.Value.Enabled && !socket) return await Fail(http, StatusCodes.Status404NotFound, null);
        if (http.Request.ContentLength > max) return await Refuse(http, StatusCodes.Status413PayloadTooLarge, "TooLarge", "Request body too large.");

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, (int)(http.Request.ContentLength ?? 4096) + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max) break;
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await http.Request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, max + 1) - length), http.RequestAborted);
                if (read == 0) break;
                length += read;
            }
        }
        catch (Exception)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        var body = new SlackBody(buffer, length);
        if (length > max)
        {
            body.Dispose();
            return await Refuse(http, StatusCodes.Status413PayloadTooLarge, "TooLarge", "Request body too large.");
        }

        if (socket) return body;
        var headers = http.Request.Headers;
        var signature = headers[SlackSignature.SignatureHeader].ToString();
        if (signature.Length == 0 && IsSslCheck(body.Span))
        {
            // Slack's certificate check carries no signature and asks for nothing but a 200.
            body.Dispose();
            http.Response.StatusCode = StatusCodes.Status200OK;
            return null;
        }
        var check = _signature.Verify(body.Span, headers[SlackSignature.TimestampHeader].ToString(), signature);
        if (check == SignatureCheck.Valid) return body;
        body.Dispose();
        return await Refuse(http, StatusCodes.Status401Unauthorized, check.ToString(), "Invalid Slack signature.");
    }

    // Each refusal at Debug (a flood of forged requests must not flood the log), their counts now and then as a Warning.
    private Task<SlackBody?> Refuse(HttpContext http, int status, string why, string line)
    {
        log.LogDebug("Slack request to {Path} refused: {Check}", http.Request.Path, why);
        if (refusals.Record("Slack " + why) is { } counts) log.LogWarning("Refused requests: {Counts}", counts);
        return Fail(http, status, line);
    }

    private static bool IsSslCheck(ReadOnlySpan<byte> body) =>
        body.Length < 1024 && body.IndexOf("ssl_check=1"u8) >= 0 && FormBody.Parse(body).TryGetValue("ssl_check", out var v) && v == "1";

    public static async Task<SlackBody?> Fail(HttpContext http, int status, string? line)
    {
        http.Response.StatusCode = status;
        if (line is not null)
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(line, http.RequestAborted);
        }
        return null;
    }
}
