using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Host.Scheduling;

namespace RecoveryBot.Host.Tests.Scheduling;

/// <summary>The scheduler loop on a fake clock: one tick per poll interval, a failed tick logged and survived, a clean stop.</summary>
public sealed class SchedulerWorkerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly TimerClock time = new(T0);
    private readonly ListLogger<SchedulerWorker> log = new();
    private readonly ScriptedTick tick;

    public SchedulerWorkerTests() => tick = new ScriptedTick(time);

    private SchedulerWorker Worker(bool enabled = true) =>
        new(tick, Options.Create(new SchedulerOptions { PollInterval = Interval, Enabled = enabled }), time, log);

    private async Task<SchedulerWorker> StartedAsync()
    {
        var worker = Worker();
        await worker.StartAsync(Ct);
        await time.TimerCreated;
        return worker;
    }

    private IEnumerable<(LogLevel Level, string Message, Exception? Exception)> Errors => log.Entries.Where(e => e.Level >= LogLevel.Error);

    [Fact]
    public async Task Execute_PollIntervalPasses_TicksOnceEachInterval()
    {
        using var worker = await StartedAsync();

        time.Advance(Interval - TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.Empty(tick.Calls);
        time.Advance(TimeSpan.FromSeconds(1));
        await tick.CalledAsync();
        time.Advance(Interval);
        await tick.CalledAsync();

        Assert.Equal([T0 + Interval, T0 + 2 * Interval], tick.Calls);
        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task Execute_TickThrows_LogsErrorAndTicksAgainNextInterval()
    {
        tick.Then = (n, _) => n == 0 ? throw new InvalidOperationException("table gone") : Task.CompletedTask;
        using var worker = await StartedAsync();

        time.Advance(Interval);
        await tick.CalledAsync();
        time.Advance(Interval);
        await tick.CalledAsync();

        var error = Assert.Single(Errors);
        Assert.Equal("Scheduler tick failed; retrying on the next tick", error.Message);
        Assert.Equal("table gone", error.Exception?.Message);
        Assert.False(worker.ExecuteTask!.IsCompleted);
        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task Execute_TickCancelledByItsOwnTimeout_LoggedAndKeepsRunning()
    {
        // An HTTP timeout surfaces as a cancellation that is not the host stopping: it is a failed tick like any other.
        tick.Then = (n, _) => n == 0 ? throw new TaskCanceledException("storage timed out") : Task.CompletedTask;
        using var worker = await StartedAsync();

        time.Advance(Interval);
        await tick.CalledAsync();
        time.Advance(Interval);
        await tick.CalledAsync();

        Assert.IsType<TaskCanceledException>(Assert.Single(Errors).Exception);
        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task Stop_BetweenTicks_EndsCleanlyAndTicksNoMore()
    {
        var worker = await StartedAsync();
        time.Advance(Interval);
        await tick.CalledAsync();

        await worker.StopAsync(Ct);
        time.Advance(Interval * 3);

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Single(tick.Calls);
        Assert.Empty(Errors);
        worker.Dispose();
    }

    [Fact]
    public async Task Stop_DuringATick_CancelsItWithoutLoggingAnError()
    {
        var inTick = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tick.Then = async (_, ct) =>
        {
            inTick.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        };
        var worker = await StartedAsync();
        time.Advance(Interval);
        await inTick.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await worker.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Empty(Errors);
        worker.Dispose();
    }

    [Fact]
    public async Task Execute_Disabled_NeverTicks()
    {
        using var worker = Worker(enabled: false);

        await worker.StartAsync(Ct);
        await worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(Interval * 3);

        Assert.Empty(tick.Calls);
        Assert.Contains(log.Entries, e => e.Message.Contains("Scheduler:Enabled=false", StringComparison.Ordinal));
    }
}
