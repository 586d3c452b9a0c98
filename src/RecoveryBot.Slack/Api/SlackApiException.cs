namespace RecoveryBot.Slack.Api;

/// <summary>
/// A Web API call that did not succeed: <c>ok:false</c> with Slack's error code, an HTTP failure (<c>http_503</c>),
/// or <c>ratelimited</c> with the Retry-After Slack asked for. Carries no token and no message text.
/// </summary>
public sealed class SlackApiException(string method, string error, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception($"Slack {method} failed: {error}", inner)
{
    /// <summary>The error of a call for a workspace that has not installed the app (nothing was sent).</summary>
    public const string NotInstalled = "not_installed";

    public string Method => method;

    public string Error => error;

    public TimeSpan? RetryAfter => retryAfter;

    public bool IsRateLimited => error == "ratelimited";

    /// <summary>Worth trying again later: rate limits, Slack-side 5xx, timeouts and network failures.</summary>
    public bool IsTransient => IsRateLimited || error.StartsWith("http_5", StringComparison.Ordinal)
        || error is "network_error" or "timeout" or "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout";
}
