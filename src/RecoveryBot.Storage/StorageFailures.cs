using System.Net.Sockets;
using Azure;
using RecoveryBot.Core.App;

namespace RecoveryBot.Storage;

/// <summary>Turns the SDK's many failure shapes into the one exception Core handles.</summary>
internal static class StorageFailures
{
    public const string Unavailable = "storage is unavailable, nothing was changed";

    /// <summary>Network errors, timeouts, 408, 429 and 5xx: what the SDK already retried.</summary>
    public static bool IsTransient(Exception ex, CancellationToken ct) => ex switch
    {
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(e => IsTransient(e, ct)),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        // The SDK reports its own per-attempt network timeout as a cancellation the caller did not ask for.
        OperationCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };

    /// <summary>True for what should become <see cref="StoreUnavailableException"/> (never the caller's cancellation).</summary>
    public static bool IsStorageFailure(Exception ex, CancellationToken ct) =>
        IsTransient(ex, ct) || ex is RequestFailedException;

    public static StoreUnavailableException ToUnavailable(Exception ex, CancellationToken ct)
    {
        if (IsTransient(ex, ct)) return new StoreUnavailableException(Unavailable, ex);
        var r = (RequestFailedException)ex;
        return new StoreUnavailableException(
            $"storage refused the request ({r.Status} {r.ErrorCode}), nothing was changed", ex);
    }

    public static bool IsTableNotFound(RequestFailedException ex) =>
        ex.Status == 404 && string.Equals(ex.ErrorCode, "TableNotFound", StringComparison.Ordinal);

    /// <summary>A short, single-line reason for readiness probes and logs.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[^1]),
        RequestFailedException { Status: 0 } r => "unreachable: " + FirstLine(r.InnerException?.Message ?? r.Message),
        RequestFailedException r => $"{r.Status} {r.ErrorCode}".TrimEnd(),
        OperationCanceledException => "timed out",
        _ => FirstLine(ex.Message),
    };

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
