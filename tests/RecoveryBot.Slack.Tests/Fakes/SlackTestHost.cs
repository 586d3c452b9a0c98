using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Signing;

namespace RecoveryBot.Slack.Tests.Fakes;

/// <summary>
/// The Slack channel in a real Kestrel host on 127.0.0.1 (port 0), wired to a RecoveryService over the given store
/// and to a fake Web API. Requests are signed the way Slack signs them.
/// </summary>
public sealed class SlackTestHost : IAsyncDisposable
{
    public const string Secret = "test-signing-secret-0123456789";

    private readonly WebApplication _app;

    private SlackTestHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SlackTestHost> StartAsync(IRecoveryStore store, Uri? apiBase = null, string? secret = Secret,
        Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = secret,
            // Slack off (no secret) means no token either: the startup checks refuse one without the other.
            ["Slack:BotToken"] = string.IsNullOrEmpty(secret) ? "" : "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = (apiBase ?? new Uri("http://127.0.0.1:9/api/")).AbsoluteUri,
            ["Slack:ChannelPacing"] = "00:00:00.200",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<ISummaryLinks, FixedLinks>();
        builder.Services.AddSingleton<RecoveryService>();
        builder.Services.AddSlackChannel(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapSlackChannel();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SlackTestHost(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public static string Now() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task<HttpResponseMessage> PostAsync(string path, string body, string contentType = "application/x-www-form-urlencoded",
        string? secret = Secret, string? timestamp = null, Action<HttpRequestMessage>? edit = null, CancellationToken ct = default)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var ts = timestamp ?? Now();
        request.Headers.Add(SlackSignature.TimestampHeader, ts);
        if (secret is not null) request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(secret, ts, bytes));
        edit?.Invoke(request);
        return Http.SendAsync(request, ct);
    }

    public Task<HttpResponseMessage> CommandAsync(string text, string user = "U0LEAD", string userName = "lead", CancellationToken ct = default) =>
        PostAsync("/slack/commands", $"team_id=T0RECOV&channel_id=C0PILOT&user_id={user}&user_name={userName}&command=%2Frecovery" +
            $"&text={Uri.EscapeDataString(text)}&trigger_id=1.2.3&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0RECOV%2F1%2Fx", ct: ct);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
