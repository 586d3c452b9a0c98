using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace RecoveryBot.Teams.Connector;

/// <summary>
/// Retries what the Connector says may succeed later (412, 429, 5xx, network errors), at most three times,
/// waiting what <c>Retry-After</c> asks (protocols.md C); a Retry-After longer than <see cref="MaxRetryAfter"/> is not waited for.
/// 403/404 (blocked, not in roster, conversation gone) never succeed on retry and fail at once.
/// </summary>
internal static class ConnectorResilience
{
    public const string Name = "teams-connector";
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(20);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, TimeProvider time)
    {
        builder.TimeProvider = time;
        builder.AddTimeout(TimeSpan.FromSeconds(60));
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(10),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, time)),
        });
        builder.AddTimeout(TimeSpan.FromSeconds(15));
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeProvider time) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } r } => IsRetryable(r.StatusCode) && (RetryAfter(r, time) ?? TimeSpan.Zero) <= MaxRetryAfter,
        _ => false,
    };

    internal static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.PreconditionFailed or HttpStatusCode.TooManyRequests || (int)status >= 500;

    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };
}
