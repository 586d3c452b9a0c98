using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RecoveryBot.Slack.Tests.Fakes;

/// <summary>One call the bot made to the fake Web API.</summary>
public sealed record ApiCall(string Method, string Body, int Status, string? Authorization, bool Scripted = false, string Response = "")
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A local stand-in for https://slack.com/api/ (Kestrel on 127.0.0.1, port 0) that records every call and can be
/// scripted to answer 429 with Retry-After, or ok:false, before it succeeds.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ApiCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body, int? RetryAfter)>> _script = new();
    private int _ts;

    private FakeSlackApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ApiCall> Calls => [.. _calls];

    /// <summary>users.info answers carry <c>tz</c> for these users (IANA ids by user id).</summary>
    public Dictionary<string, string> UserZones { get; } = [];

    public Dictionary<string, string> DisplayNames { get; } = new() { ["U0LEAD"] = "Lena Ortiz", ["U0CLIENT"] = "Dana Ruiz" };

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackApi(app);
        app.MapPost("/api/{method}", fake.HandleAsync);
        app.MapPost("/hooks/{**rest}", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/api/");
        return fake;
    }

    /// <summary>The next answers for <paramref name="method"/>, before the normal success.</summary>
    public void Script(string method, int status, string body, int? retryAfter = null) =>
        _script.GetOrAdd(method, _ => new()).Enqueue((status, body, retryAfter));

    public IReadOnlyList<ApiCall> Ok(string method) => [.. Calls.Where(c => c.Method == method && !c.Scripted)];

    /// <summary>Waits (bounded) until <paramref name="done"/> holds for the recorded calls.</summary>
    public async Task<IReadOnlyList<ApiCall>> WaitFor(Func<IReadOnlyList<ApiCall>, bool> done, int seconds = 15)
    {
        for (var i = 0; i < seconds * 20; i++)
        {
            if (done(Calls)) return Calls;
            await Task.Delay(50);
        }
        Assert.Fail("Timed out waiting for Slack calls; saw: " + string.Join(", ", Calls.Select(c => $"{c.Method}={c.Status}")));
        return Calls;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Path.StartsWithSegments("/hooks") ? "response_url" : (string)http.Request.RouteValues["method"]!;
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var auth = http.Request.Headers.Authorization.ToString();
        if (_script.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            http.Response.StatusCode = scripted.Status;
            if (scripted.RetryAfter is { } after) http.Response.Headers.RetryAfter = after.ToString(CultureInfo.InvariantCulture);
            _calls.Enqueue(new ApiCall(method, body, scripted.Status, auth, Scripted: true));
            await http.Response.WriteAsync(scripted.Body);
            return;
        }
        var form = method is "users.info" or "chat.getPermalink" ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body) : null;
        var answer = Answer(method, form);
        _calls.Enqueue(new ApiCall(method, body, 200, auth, Response: answer));
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer);
    }

    private string Answer(string method, Dictionary<string, Microsoft.Extensions.Primitives.StringValues>? form)
    {
        var ts = "1795600000." + Interlocked.Increment(ref _ts).ToString("D6", CultureInfo.InvariantCulture);
        switch (method)
        {
            case "users.info":
                var id = form?.GetValueOrDefault("user").ToString() ?? "";
                var name = DisplayNames.GetValueOrDefault(id, id);
                var tz = UserZones.TryGetValue(id, out var zone) ? ",\"tz\":\"" + zone + "\",\"tz_label\":\"Local Time\",\"tz_offset\":0" : "";
                return "{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"name\":\"" + id.ToLowerInvariant() + "\"" + tz + ",\"profile\":{\"display_name\":\"" + name + "\"}}}";
            case "chat.getPermalink":
                return """{"ok":true,"permalink":"https://recovery-pilot.slack.com/archives/C0PILOT/p1795522100000300"}""";
            case "conversations.open":
                return """{"ok":true,"channel":{"id":"D0DM"}}""";
            case "response_url":
                return "ok";
            default:
                return $$"""{"ok":true,"channel":"C0PILOT","ts":"{{ts}}"}""";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
