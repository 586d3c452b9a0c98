using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoveryBot.Core.App;
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

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "s", ["Slack:BotToken"] = "xoxb-test-token", ["Slack:ApiBaseUrl"] = _api.BaseUrl.AbsoluteUri,
            ["Slack:ChannelPacing"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSlackChannel(config);
        services.AddSingleton(new RecoveryService(new InMemoryRecoveryStore(), TimeProvider.System, new FixedLinks()));
        services.AddSingleton(Mock.Of<Microsoft.Extensions.Hosting.IHostApplicationLifetime>());
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
}
