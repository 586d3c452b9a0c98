using Azure.Core;
using Azure.Core.Pipeline;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;

namespace SchedulerBench;

/// <summary>Counts every request sent to storage (each retry too).</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
}

/// <summary>A channel that accepts every post at once, so the tick measures scheduling and storage only.</summary>
internal sealed class CountingPoster : IChannelPoster
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public string Platform => "slack";

    public Task<PostResult> PostAsync(Recovery recovery, Reply reply, CancellationToken ct)
    {
        Interlocked.Increment(ref count);
        return Task.FromResult<PostResult>(new PostResult.Posted(null));
    }
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Time spent per kind of storage request (method and table), to see which requests a slower tick waits on.</summary>
internal sealed class RequestTimer : HttpPipelinePolicy
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Count, double Ms)> kinds = new();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessAsync(message, pipeline, false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessAsync(message, pipeline, true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        if (async) await ProcessNextAsync(message, pipeline); else ProcessNext(message, pipeline);
        var ms = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var path = message.Request.Uri.Path;
        var table = path.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        table = table.Split('(')[0];
        var kind = $"{message.Request.Method} {table[Math.Min(table.Length, 10)..]}{(message.Request.Uri.Query.Contains("filter", StringComparison.Ordinal) ? " query" : "")}";
        kinds.AddOrUpdate(kind, (1, ms), (_, v) => (v.Count + 1, v.Ms + ms));
    }

    public string Report()
    {
        var all = kinds.ToArray();
        kinds.Clear();
        return string.Join("\n", all.OrderByDescending(k => k.Value.Ms).Select(k =>
            $"  {k.Key,-30} {k.Value.Count,7} requests {k.Value.Ms,9:0} ms  {k.Value.Ms / k.Value.Count,6:0.00} ms each"));
    }
}
