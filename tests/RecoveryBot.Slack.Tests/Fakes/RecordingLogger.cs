using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RecoveryBot.Slack.Tests.Fakes;

public sealed record LogRecord(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>Keeps every log entry at every level, to assert what a request logged and how loudly.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public IReadOnlyList<LogRecord> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

    public void Dispose()
    {
    }

    /// <summary>Waits until an entry matches (requests finish in the background of a hung-up client).</summary>
    public async Task<LogRecord> WaitFor(Func<LogRecord, bool> match, int seconds = 10)
    {
        var until = TimeProvider.System.GetTimestamp() + (seconds * TimeProvider.System.TimestampFrequency);
        while (TimeProvider.System.GetTimestamp() < until)
        {
            if (_records.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException("No such log entry; logged: " + string.Join(" | ", _records.Select(r => $"{r.Level} {r.Category}: {r.Message}")));
    }

    private sealed class Logger(string category, ConcurrentQueue<LogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue(new LogRecord(category, logLevel, formatter(state, exception), exception));
    }
}
