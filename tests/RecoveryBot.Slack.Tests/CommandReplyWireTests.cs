using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>How a slash command's JSON answer goes on the wire (bench/load: the `help` ack is the hot path).</summary>
public sealed class CommandReplyWireTests : IAsyncLifetime
{
    private SlackWorld _w = null!;

    public async Task InitializeAsync() => _w = await SlackWorld.StartAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task HelpReply_IsOneBodyWithContentLength_NotChunked()
    {
        using var response = await _w.Host.CommandAsync("help");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(bytes);
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        Assert.StartsWith("RecoveryBot commands.", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>The Slack endpoints are singletons and must not cost a DI scope per request (bench/load's `help` hot path).</summary>
public sealed class NoRequestScopeTests
{
    [Fact]
    public async Task SlashCommand_IsAnsweredWithoutTouchingRequestServices()
    {
        await using var api = await FakeSlackApi.StartAsync();
        await using var host = await SlackTestHost.StartAsync(new InMemoryRecoveryStore(), api.BaseUrl,
            configure: s => s.AddSingleton<IStartupFilter, ForbidRequestServices>());

        using var response = await host.CommandAsync("help");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("RecoveryBot commands.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Puts a provider that throws in place of every request's RequestServices.</summary>
    private sealed class ForbidRequestServices : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) =>
            {
                context.RequestServices = new Throwing();
                return inner(context);
            });
            next(app);
        };
    }

    private sealed class Throwing : IServiceProvider
    {
        public object GetService(Type serviceType) => throw new InvalidOperationException($"RequestServices used for {serviceType}");
    }
}
