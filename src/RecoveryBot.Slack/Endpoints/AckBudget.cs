using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RecoveryBot.Slack.Endpoints;

/// <summary>
/// Slack gives up on a request after 3 s. A request's work runs on the host's lifetime token (never on the request's
/// own, so Slack's hang-up cannot cut a commit in half); if it is not done within <see cref="Budget"/> the endpoint
/// acknowledges anyway and the work finishes afterwards, handing its late answer to the caller's continuation.
/// </summary>
internal sealed class AckBudget(IHostApplicationLifetime lifetime, ILogger<AckBudget> log)
{
    /// <summary>2.5 s: room for the network before Slack's 3 s.</summary>
    public static TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>
    /// The work's result when it finished within the budget (its exception, too), or <c>default</c> once the budget is
    /// spent: the work then goes on and <paramref name="late"/> gets its result.
    /// </summary>
    public async Task<(bool OnTime, T? Result)> RunAsync<T>(Func<CancellationToken, Task<T>> work, Func<T, CancellationToken, Task> late)
    {
        var stopping = lifetime.ApplicationStopping;
        var running = Task.Run(() => work(stopping), stopping);
        try
        {
            // Real seconds even when the app reads a fake clock: Slack's timeout is real.
            return (true, await running.WaitAsync(Budget, TimeProvider.System));
        }
        catch (TimeoutException)
        {
            _ = FinishLateAsync(running, late, stopping);
            return (false, default);
        }
    }

    private async Task FinishLateAsync<T>(Task<T> running, Func<T, CancellationToken, Task> late, CancellationToken stopping)
    {
        try
        {
            var result = await running;
            await late(result, stopping);
            log.LogDebug("Slack request finished after its acknowledgement");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log.LogWarning(ex, "Slack request failed after its acknowledgement");
        }
    }
}
