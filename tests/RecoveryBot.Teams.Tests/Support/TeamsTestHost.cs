using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;

namespace RecoveryBot.Teams.Tests.Support;

/// <summary>
/// The Teams channel in a small real host (slim builder, Kestrel on 127.0.0.1, port 0), composed the way the
/// Host composes it: AddTeamsChannel + MapTeamsChannel, with an in-memory store behind the RecoveryService.
/// </summary>
public sealed class TeamsTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TeamsTestHost(WebApplication app, HttpClient client, InMemoryRecoveryStore store)
    {
        _app = app;
        Client = client;
        Store = store;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services() => _app.Services;
    public InMemoryRecoveryStore Store { get; }

    /// <summary>The Core's clock (Monday 30 Nov 2026, 08:00 UTC); the channel's own timers run on the system clock.</summary>
    public static FakeTimeProvider CoreTime() => new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    public static Task<TeamsTestHost> StartLocalAsync() =>
        StartAsync(new() { ["Teams:Authentication"] = "None" });

    public static async Task<TeamsTestHost> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        // Development, like a local run: Teams__Authentication=None is refused anywhere else.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        var store = new InMemoryRecoveryStore();
        builder.Services.AddSingleton(new RecoveryService(store, CoreTime(), new FixedLinks()));
        builder.Services.AddTeamsChannel(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapTeamsChannel();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TeamsTestHost(app, new HttpClient { BaseAddress = new Uri(address) }, store);
    }

    public async Task<HttpResponseMessage> PostAsync(string json, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
