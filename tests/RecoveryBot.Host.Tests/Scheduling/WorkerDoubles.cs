using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Host.Tests.Scheduling;

/// <summary>A fake clock that says when the worker has made its timer, so a test moves time only once it is there.</summary>
internal sealed class TimerClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly TaskCompletionSource created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task TimerCreated => created.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        created.TrySetResult();
        return timer;
    }
}

/// <summary>A scheduler tick that records when (on the fake clock) it was called, then does what <see cref="Then"/> says.</summary>
internal sealed class ScriptedTick(TimeProvider time) : ISchedulerTick
{
    private readonly ConcurrentQueue<DateTimeOffset> calls = new();
    private readonly Channel<int> called = Channel.CreateUnbounded<int>();

    public string Owner => "host-under-test";

    /// <summary>Given the call number (0 for the first) and the worker's token, what the tick does; by default nothing.</summary>
    public Func<int, CancellationToken, Task> Then { get; set; } = (_, _) => Task.CompletedTask;

    public IReadOnlyList<DateTimeOffset> Calls => [.. calls];

    public async Task<TickReport> RunOnceAsync(CancellationToken ct)
    {
        var n = calls.Count;
        calls.Enqueue(time.GetUtcNow());
        called.Writer.TryWrite(n);
        await Then(n, ct);
        return TickReport.Empty;
    }

    /// <summary>Waits for the next call not waited for yet.</summary>
    public async Task CalledAsync() => await called.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}

/// <summary>Keeps every log entry, for asserting what the worker reported.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries => [.. entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue((logLevel, formatter(state, exception), exception));
}
