using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Storage.Tests.Scheduling;

/// <summary>A channel that records every post it is asked to make, and answers what <see cref="Answer"/> says.</summary>
internal sealed class RecordingPoster(FakeTimeProvider time, string platform = "slack") : IChannelPoster
{
    private readonly ConcurrentQueue<Post> calls = new();

    public sealed record Post(RecoveryId Recovery, Reply Reply, DateTimeOffset At, PostResult Result)
    {
        /// <summary>The first text a person reads, people by name (a personal post: its DM part).</summary>
        public string Text => CoreText.Named(Line(Reply));

        private static string Line(Reply reply) => reply switch
        {
            Reply.Text t => t.Message,
            Reply.Card c => c.Doc.Summary,
            Reply.Direct d => Line(d.Personal),
            _ => "",
        };
    }

    public string Platform => platform;

    /// <summary>Given the number of calls so far (0 for the first), the answer; Posted by default.</summary>
    public Func<int, PostResult> Answer { get; set; } = _ => new PostResult.Posted("m1");

    public IReadOnlyList<Post> Calls => [.. calls];

    /// <summary>Posts that went out (answered Posted).</summary>
    public IReadOnlyList<Post> Posted => [.. calls.Where(c => c.Result is PostResult.Posted)];

    public async Task<PostResult> PostAsync(Recovery recovery, Reply reply, CancellationToken ct)
    {
        await Task.Yield(); // lets concurrent schedulers interleave here
        var result = Answer(calls.Count);
        calls.Enqueue(new Post(recovery.Id, reply, time.GetUtcNow(), result));
        return result;
    }
}
