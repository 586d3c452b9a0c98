using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RecoveryBot.Teams.Tests.Support;

/// <summary>One request the fake connector received: method, the raw (still escaped) path, headers and body.</summary>
public sealed record ConnectorCall(string Method, string RawTarget, string? Authorization, JsonObject Body, DateTimeOffset At);

/// <summary>
/// A local Bot Connector like the Agents Playground's mock at <c>&lt;serviceUrl&gt;/_connector</c>: records every
/// call and answers <c>{"id":…}</c>, or the failures a test queues (429 with Retry-After, 403, …).
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(HttpStatusCode Status, string? RetryAfter, string? Body)> _failures = new();
    private readonly List<ConnectorCall> _calls = [];
    private int _next;

    private FakeConnector(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Shaped like the playground's serviceUrl: no trailing slash.</summary>
    public string ServiceUrl => BaseUrl + "/_connector";

    public IReadOnlyList<ConnectorCall> Calls { get { lock (_calls) return [.. _calls]; } }

    public void Fail(HttpStatusCode status, string? retryAfter = null, string? body = null) => _failures.Enqueue((status, retryAfter, body));

    /// <summary>Every call to <paramref name="rawTarget"/> (a path, e.g. "/_connector/v3/conversations") fails so.</summary>
    public void FailOn(string rawTarget, HttpStatusCode status, string? body = null) => _pathFailures[rawTarget] = (status, null, body);

    private readonly ConcurrentDictionary<string, (HttpStatusCode Status, string? RetryAfter, string? Body)> _pathFailures = new();

    /// <summary>Conversation members by the id asked for (a 29: id or a Microsoft Entra id): GET …/members/{id}; others 404.</summary>
    public ConcurrentDictionary<string, (string Id, string Name)> Members { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeConnector(app);
        app.Map("/{**path}", fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return fake;
    }

    /// <summary>Waits until at least <paramref name="count"/> calls arrived (replies are sent before the 200, so this is rarely needed).</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForAsync(int count)
    {
        for (var i = 0; i < 100 && Calls.Count < count; i++) await Task.Delay(50);
        return Calls;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var raw = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        lock (_calls)
        {
            _calls.Add(new ConnectorCall(http.Request.Method, raw, http.Request.Headers.Authorization.FirstOrDefault(),
                body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject(), TimeProvider.System.GetUtcNow()));
        }
        if (_pathFailures.TryGetValue(raw, out var failure) || _failures.TryDequeue(out failure))
        {
            http.Response.StatusCode = (int)failure.Status;
            if (failure.RetryAfter is not null) http.Response.Headers.RetryAfter = failure.RetryAfter;
            if (failure.Body is not null) await http.Response.WriteAsync(failure.Body);
            return;
        }
        http.Response.ContentType = "application/json";
        if (http.Request.Method == "GET" && raw.Contains("/members/", StringComparison.Ordinal))
        {
            var asked = Uri.UnescapeDataString(raw[(raw.LastIndexOf('/') + 1)..]);
            if (!Members.TryGetValue(asked, out var member))
            {
                http.Response.StatusCode = 404;
                await http.Response.WriteAsync("""{"error":{"code":"MemberNotFoundInConversation","message":"not a member"}}""");
                return;
            }
            await http.Response.WriteAsync(JsonSerializer.Serialize(new { id = member.Id, name = member.Name, aadObjectId = asked }));
            return;
        }
        await http.Response.WriteAsync($"{{\"id\":\"msg-{Interlocked.Increment(ref _next)}\"}}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
