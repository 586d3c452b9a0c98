using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Api;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>
/// An escaped slash command carries mentions as <c>&lt;@U…|handle&gt;</c>; the person must get the same display name as when
/// they act themselves (users.info), so one person has one name in the channel and in the log.
/// </summary>
public sealed class MentionNamesTests : IAsyncLifetime
{
    private FakeSlackApi _api = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "s", ["Slack:BotToken"] = "xoxb-test-token", ["Slack:ApiBaseUrl"] = _api.BaseUrl.AbsoluteUri,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSlackChannel(config);
        services.AddSingleton(new RecoveryService(new InMemoryRecoveryStore(), TimeProvider.System, new FixedLinks()));
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task HandleLabelledMention_GetsTheDisplayName()
    {
        var users = _services.GetRequiredService<UserDirectory>();
        // A first lookup of someone else warms the HTTP client, so the lookup budget is not spent on a cold start when
        // the machine is busy with other test assemblies.
        await users.NameAsync("T0RECOV", "U0WARMUP", "warmup", default);

        var text = await users.NameMentionsAsync("T0RECOV", "ready G-1 retest <@U0CLIENT|dana> fri", default);

        Assert.Equal("ready G-1 retest <@U0CLIENT|Dana Ruiz> fri", text);
        Assert.Equal("Dana Ruiz", await users.NameAsync("T0RECOV", "U0CLIENT", "dana", default));
    }

    [Fact]
    public async Task LookupFails_KeepsTheLabelSlackSent()
    {
        _api.Script("users.info", 200, """{"ok":false,"error":"user_not_found"}""");

        var text = await _services.GetRequiredService<UserDirectory>().NameMentionsAsync("T0RECOV", "approver <@U0CLIENT|dana>", default);

        Assert.Equal("approver <@U0CLIENT|dana>", text);
    }
}
