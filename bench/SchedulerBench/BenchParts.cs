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
