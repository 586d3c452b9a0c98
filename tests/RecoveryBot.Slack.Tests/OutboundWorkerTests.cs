using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Outbound;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>The per-channel lanes of the outbound queue: a lane that ran dry must not swallow the channel's next message.</summary>
public sealed class OutboundWorkerTests : IAsyncLifetime
{
    private FakeSlackApi _api = null!;
    private ServiceProvider _services = null!;
    private OutboundWorker _worker = null!;
    private readonly MarkRecorder _marks = new();
    private readonly InMemoryRecoveryStore _store = new();

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "s", ["Slack:BotToken"] = "xoxb-test-token", ["Slack:ApiBaseUrl"] = _api.BaseUrl.AbsoluteUri,
            ["Slack:ChannelPacing"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSlackChannel(config);
        services.AddSingleton(new RecoveryService(_store, TimeProvider.System, new FixedLinks()));
        services.AddSingleton(new PostHandover(_marks, TimeProvider.System, _store));
        services.AddSingleton(Mock.Of<Microsoft.Extensions.Hosting.IHostApplicationLifetime>());
        services.AddSingleton<ITurnOutbox>(_marks);
        _services = services.BuildServiceProvider();
        _worker = _services.GetServices<IHostedService>().OfType<OutboundWorker>().Single();
        await _worker.StartAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _worker.StopAsync(default);
        await _services.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task PostAfterTheChannelsLaneRanDry_IsStillSent()
    {
        var queue = _services.GetRequiredService<OutboundQueue>();

        queue.Enqueue(new OutboundItem.Post("T0RECOV", "C0PILOT", new SlackMessage("first")));
        await _api.WaitFor(c => c.Count(x => x.Method == "chat.postMessage") == 1);
        // The lane has sent everything and must end cleanly (it used to die on Reader.Count and stay registered).
        await SlackWorld.Eventually(() => Task.FromResult(_worker.ActiveLanes == 0), "the drained lane to end");

        queue.Enqueue(new OutboundItem.Post("T0RECOV", "C0PILOT", new SlackMessage("second")));
        queue.Enqueue(new OutboundItem.Post("T0RECOV", "C0PILOT", new SlackMessage("third")));

        var posts = (await _api.WaitFor(c => c.Count(x => x.Method == "chat.postMessage") == 3)).Where(x => x.Method == "chat.postMessage");
        Assert.Equal(["first", "second", "third"], posts.Select(SlackWorld.Text));
    }

    [Fact]
    public async Task StoredPosts_SentInOrder_EachMarkedAfterItWentOut()
    {
        var replies = _services.GetRequiredService<RecoveryBot.Slack.Turns.SlackReplies>();
        var posts = new PendingPosts(new RecoveryId("r1"), "g|0000000001", "host-a",
            [new Reply.Text("G-1 logged by Mo: Exports time out.", Audience.Channel), new Reply.Direct(new UserRef("U0ANA", "Ana"), new Reply.Text("You own G-1 now."), null)]);

        _services.GetRequiredService<OutboundQueue>().Enqueue(RecoveryBot.Slack.Turns.SlackReplies.Kept("T0RECOV", "C0PILOT", SlackWorld.Channel, posts));

        await SlackWorld.Eventually(() => Task.FromResult(_marks.Marks.Count == 2), "both marks");
        var sent = _api.Calls.Where(c => c.Method == "chat.postMessage").Select(SlackWorld.Text).ToList();
        Assert.Equal(["G-1 logged by Mo: Exports time out.", "You own G-1 now."], sent);
        // One mark per message; the last one says all are out.
        Assert.Equal([1, 2], _marks.Marks.Select(m => m.Sent));
    }

    [Fact]
    public async Task StoredPostsPartlySent_ResumeAfterTheLastMarkedOne()
    {
        var replies = _services.GetRequiredService<RecoveryBot.Slack.Turns.SlackReplies>();
        var posts = new PendingPosts(new RecoveryId("r1"), "~p|abc", "host-b",
            [new Reply.Text("First, already out.", Audience.Channel), new Reply.Direct(new UserRef("U0ANA", "Ana"), new Reply.Text("Second, to Ana."), null)], Sent: 1);

        _services.GetRequiredService<OutboundQueue>().Enqueue(RecoveryBot.Slack.Turns.SlackReplies.Kept("T0RECOV", "C0PILOT", SlackWorld.Channel, posts));

        await SlackWorld.Eventually(() => Task.FromResult(_marks.Marks.Count == 1), "the mark");
        var sent = _api.Calls.Where(c => c.Method == "chat.postMessage").ToList();
        Assert.DoesNotContain(sent, c => SlackWorld.Text(c).Contains("First, already out.", StringComparison.Ordinal));
        Assert.Equal("Second, to Ana.", SlackWorld.Text(Assert.Single(sent)));
        Assert.Equal(2, _marks.Marks.Single().Sent);
    }

    [Fact]
    public async Task BurstOfAnnouncements_OnlyTheFirstWaitRendered_TheRestDerivedFromTheStoreInOrder()
    {
        var service = _services.GetRequiredService<RecoveryService>();
        await service.HandleAsync(new Turn(SlackWorld.Channel, new UserRef("U0LEAD", "Lena")), new Core.Commands.StartCommand("Pilot", null), default);
        var queue = _services.GetRequiredService<OutboundQueue>();
        const int Reports = OutboundWorker.KeepRenderedPerLane + 8;
        var items = new List<OutboundItem>();
        for (var i = 1; i <= Reports; i++)
        {
            var report = await service.HandleAsync(new Turn(SlackWorld.Channel, new UserRef("U0MO", "Mo")), new Core.Commands.ReportCommand(GapKind.Defect, $"Burst item {i}"), default);
            var posts = new PendingPosts(SlackWorld.Channel.RecoveryId, $"g|{i:D10}", "host-a", TurnPosts.Outgoing(report.Replies)) { Announces = new GapId(i) };
            items.Add(RecoveryBot.Slack.Turns.SlackReplies.Kept("T0RECOV", "C0PILOT", SlackWorld.Channel, posts));
        }
        var reads = _store.RecoveryReads;

        foreach (var item in items) queue.Enqueue(item);

        await SlackWorld.Eventually(() => Task.FromResult(_marks.Marks.Count == Reports), "every announcement marked");
        var texts = _api.Calls.Where(c => c.Method == "chat.postMessage").Select(SlackWorld.Text).ToList();
        Assert.Equal(Enumerable.Range(1, Reports).Select(i => $"G-{i} logged by Mo: Burst item {i}."), texts);
        // The ones queued behind the first were read back from the store (recovery and item) when their turn came.
        Assert.InRange(_store.RecoveryReads - reads, 8, Reports);
    }

    /// <summary>Records the marks the worker writes; the rest of the outbox is not used by sending.</summary>
    private sealed class MarkRecorder : ITurnOutbox
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Carrier, int Sent)> _marks = new();

        public IReadOnlyList<(string Carrier, int Sent)> Marks => [.. _marks];

        public Task MarkSentAsync(PendingPosts posts, int sent, CancellationToken ct)
        {
            _marks.Enqueue((posts.Carrier, sent));
            return Task.CompletedTask;
        }

        public Task OpenLaneAsync(string host, RecoveryId recovery, CancellationToken ct) => Task.CompletedTask;
        public Task<IReadOnlyList<PendingPosts>> PendingAsync(RecoveryId recovery, string host, CancellationToken ct) => Task.FromResult<IReadOnlyList<PendingPosts>>([]);
        public Task<PendingPosts> MoveAsync(PendingPosts posts, string host, CancellationToken ct) => Task.FromResult(posts with { Host = host });
        public Task BeatAsync(string host, DateTimeOffset until, CancellationToken ct) => Task.CompletedTask;
        public Task<IReadOnlyList<string>> SilentHostsAsync(DateTimeOffset now, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);
        public Task<bool> AdoptAsync(string silent, string by, DateTimeOffset until, CancellationToken ct) => Task.FromResult(false);
        public Task<IReadOnlyList<RecoveryId>> LanesAsync(string host, CancellationToken ct) => Task.FromResult<IReadOnlyList<RecoveryId>>([]);
        public Task ForgetAsync(string host, CancellationToken ct) => Task.CompletedTask;
    }
}
