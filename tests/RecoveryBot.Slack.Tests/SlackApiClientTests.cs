using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Api;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

public sealed class SlackApiClientTests : IAsyncLifetime
{
    private FakeSlackApi _api = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        _services = Services(_api.BaseUrl, "xoxb-test-token");
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _api.DisposeAsync();
    }

    private static ServiceProvider Services(Uri api, string token)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = token.Length == 0 ? "" : "s", ["Slack:BotToken"] = token, ["Slack:ApiBaseUrl"] = api.AbsoluteUri,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSlackChannel(config);
        services.AddSingleton(new RecoveryService(new InMemoryRecoveryStore(), TimeProvider.System, new FixedLinks()));
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task OkFalse_ThrowsWithSlacksErrorCode()
    {
        _api.Script("chat.update", 200, """{"ok":false,"error":"message_not_found"}""");
        var client = _services.GetRequiredService<SlackApiClient>();

        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.UpdateAsync("T0RECOV", "C0PILOT", "1.2", new("x"), default));

        Assert.Equal(("chat.update", "message_not_found", false), (e.Method, e.Error, e.IsTransient));
    }

    [Fact]
    public async Task RateLimitedLongerThanInlineWait_ThrowsWithRetryAfterForTheQueue()
    {
        _api.Script("chat.postMessage", 429, """{"ok":false,"error":"ratelimited"}""", retryAfter: 30);
        var client = _services.GetRequiredService<SlackApiClient>();

        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync("T0RECOV", "C0PILOT", new("x"), default));

        Assert.True(e.IsRateLimited);
        Assert.Equal(TimeSpan.FromSeconds(30), e.RetryAfter);
        Assert.Single(_api.Calls);
    }

    [Fact]
    public async Task NoBotToken_FailsWithoutCalling()
    {
        await using var services = Services(_api.BaseUrl, "");
        var e = await Assert.ThrowsAsync<SlackApiException>(() => services.GetRequiredService<SlackApiClient>().PostMessageAsync("T0RECOV", "C", new("x"), default));
        Assert.Equal("not_configured", e.Error);
        Assert.Empty(_api.Calls);
    }

    [Fact]
    public async Task UserNames_CachedAfterFirstLookup()
    {
        var users = _services.GetRequiredService<UserDirectory>();

        Assert.Equal("Lena Ortiz", await users.NameAsync("T0RECOV", "U0LEAD", "lead", default));
        Assert.Equal("Lena Ortiz", await users.NameAsync("T0RECOV", "U0LEAD", "lead", default));
        Assert.Equal("assign G-1 <@U0CLIENT|Dana Ruiz> fri", await users.NameMentionsAsync("T0RECOV", "assign G-1 <@U0CLIENT> fri", default));

        Assert.Equal(2, _api.Calls.Count(c => c.Method == "users.info"));
    }

    [Fact]
    public async Task UserNames_LookupFails_FallsBackToTheGivenName()
    {
        _api.Script("users.info", 200, """{"ok":false,"error":"user_not_found"}""");
        Assert.Equal("lead", await _services.GetRequiredService<UserDirectory>().NameAsync("T0RECOV", "U0LEAD", "lead", default));
    }

    [Fact]
    public async Task Poster_PostsCardAndOpensDirectMessage()
    {
        var poster = _services.GetRequiredService<SlackPoster>();

        var id = await poster.PostCardAsync("T0RECOV", "C0PILOT", Core.Views.RecoveryDocs.GoNoGo(Fakes.Cards.Recovery(), true, []), default);
        var dm = await poster.OpenDirectMessageAsync("T0RECOV", "U0ANA", default);

        Assert.StartsWith("C0PILOT|1795600000.", id, StringComparison.Ordinal);
        Assert.Equal("D0DM", dm);
        Assert.Equal("U0ANA", _api.Calls.Single(c => c.Method == "conversations.open").Json.GetProperty("users").GetString());
    }
}
