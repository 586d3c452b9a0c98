using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RecoveryBot.EndToEnd.Tests.Harness;

/// <summary>One call the host made to the fake Web API, as received, with what it was answered.</summary>
public sealed record SlackCall(int Seq, string Method, string Body, int Status, string? Authorization, string Response, TimeSpan At)
{
    public bool Ok => Status == 200;

    /// <summary>The JSON body (chat.*, views.open); form bodies (users.info) are empty JSON.</summary>
    public JsonElement Json => Body.StartsWith('{') ? JsonDocument.Parse(Body).RootElement : JsonDocument.Parse("{}").RootElement;

    public string Text => Json.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";

    public string? Channel => Json.TryGetProperty("channel", out var c) ? c.GetString() : null;

    /// <summary>The ts the fake gave a posted message.</summary>
    public string? Ts => Ok && Response.StartsWith('{') && JsonDocument.Parse(Response).RootElement.TryGetProperty("ts", out var ts) ? ts.GetString() : null;

    public IEnumerable<JsonElement> Buttons =>
        Json.TryGetProperty("blocks", out var blocks)
            ? blocks.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "actions").SelectMany(b => b.GetProperty("elements").EnumerateArray())
            : [];

    /// <summary>All text in the blocks (headers, sections, fields, context), for assertions on what a card shows.</summary>
    public string BlockText => Json.TryGetProperty("blocks", out var blocks) ? string.Join("\n", AllText(blocks)) : "";

    private static IEnumerable<string> AllText(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in e.EnumerateArray()) foreach (var t in AllText(x)) yield return t;
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name == "text" && p.Value.ValueKind == JsonValueKind.String) yield return p.Value.GetString()!;
                else foreach (var t in AllText(p.Value)) yield return t;
            }
        }
    }

    public override string ToString() => $"{At.TotalSeconds,7:0.000}s #{Seq} {Method} {Status} {Channel} {Shorten(Text)}";

    private static string Shorten(string s) => s.Length <= 90 ? s : s[..90] + "…";
}

/// <summary>
/// A local stand-in for https://slack.com/api/ (Kestrel on 127.0.0.1, port 0) that records every call (method, body,
/// answer) and answers like Slack: <c>ok:true</c> with a fresh <c>ts</c> and the channel. It can be told to answer the
/// next N calls of a method with HTTP 429 <c>{"ok":false,"error":"ratelimited"}</c> and a Retry-After header.
/// Response URLs (<c>/hooks/…</c>) are recorded as method <c>response_url</c>.
/// </summary>
public sealed class FakeSlackWebApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly ConcurrentDictionary<string, int> _rateLimited = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _seq;
    private int _retryAfterSeconds = 1;

    private FakeSlackWebApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Display names users.info answers with, by user id (unknown ids answer with the id).</summary>
    public ConcurrentDictionary<string, string> DisplayNames { get; } = new(StringComparer.Ordinal);

    /// <summary>People whose DM conversations.open refuses, with Slack's error (cannot_dm_bot, account_inactive, …).</summary>
    public ConcurrentDictionary<string, string> Undeliverable { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<SlackCall> Calls => [.. _calls];

    /// <summary>oauth.v2.access: the codes that will install a workspace.</summary>
    public FakeSlackOAuth OAuth { get; } = new();

    /// <summary>apps.connections.open and the Socket Mode WebSocket server (<c>/link/</c>).</summary>
    public FakeSocketMode SocketMode { get; } = new();

    /// <summary>Time since the fake started (the clock of <see cref="SlackCall.At"/>).</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Successful chat.postMessage calls, in the order they arrived.</summary>
    public IReadOnlyList<SlackCall> Posts => [.. Calls.Where(c => c.Method == "chat.postMessage" && c.Ok)];

    public IReadOnlyList<SlackCall> Updates => [.. Calls.Where(c => c.Method == "chat.update" && c.Ok)];

    public IReadOnlyList<SlackCall> Ephemerals => [.. Calls.Where(c => c.Method == "chat.postEphemeral" && c.Ok)];

    public static async Task<FakeSlackWebApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackWebApi(app);
        app.UseWebSockets();
        app.Map("/link", fake.SocketMode.AcceptAsync);
        app.MapPost("/api/{method}", fake.HandleAsync);
        app.MapPost("/hooks/{**rest}", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/api/");
        fake.SocketMode.WebSocketBase = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal));
        return fake;
    }

    /// <summary>A response_url on this fake (the host follows only Slack's hooks host or its configured API host).</summary>
    public string ResponseUrl(string kind) => new Uri(BaseUrl, $"/hooks/{kind}/T0ACME/{Interlocked.Increment(ref _seq)}/e2e").AbsoluteUri;

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> answer HTTP 429 with Retry-After.</summary>
    public void RateLimit(string method, int count, int retryAfterSeconds = 1)
    {
        _retryAfterSeconds = retryAfterSeconds;
        _rateLimited[method] = count;
    }

    /// <summary>
    /// Polls the recorded calls until <paramref name="done"/> holds; fails with everything seen so far after the timeout.
    /// </summary>
    public async Task<IReadOnlyList<SlackCall>> WaitFor(string what, Func<IReadOnlyList<SlackCall>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        while (true)
        {
            var calls = Calls;
            if (done(calls)) return calls;
            if (deadline.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0} s waiting for {what}. The fake Slack API saw {calls.Count} call(s):\n" +
                            string.Join("\n", calls.Select(c => "  " + c)));
            }
            await Task.Delay(40);
        }
    }

    /// <summary>
    /// Waits for a successful chat.postMessage whose text contains <paramref name="text"/> (in <paramref name="channel"/>
    /// when given: a card can go to a channel and to someone's DM alike); returns it.
    /// </summary>
    public async Task<SlackCall> WaitForPost(string text, TimeSpan? timeout = null, string? channel = null) =>
        (await WaitFor($"a post containing \"{text}\"{(channel is null ? "" : " in " + channel)}", c => c.Any(x => IsPost(x, text, channel)), timeout)).First(x => IsPost(x, text, channel));

    private static bool IsPost(SlackCall c, string text, string? channel) =>
        c.Method == "chat.postMessage" && c.Ok && (channel is null || c.Channel == channel)
        && (c.Text.Contains(text, StringComparison.Ordinal) || c.BlockText.Contains(text, StringComparison.Ordinal));

    private async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Path.StartsWithSegments("/hooks") ? "response_url" : (string)http.Request.RouteValues["method"]!;
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var auth = http.Request.Headers.Authorization.ToString();
        var seq = Interlocked.Increment(ref _seq);

        if (TakeRateLimit(method))
        {
            const string limited = """{"ok":false,"error":"ratelimited"}""";
            _calls.Enqueue(new SlackCall(seq, method, body, 429, auth, limited, Now));
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = _retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(limited);
            return;
        }

        var answer = method switch
        {
            "oauth.v2.access" => OAuth.Answer(body),
            "apps.connections.open" => SocketMode.ConnectionsOpen(auth),
            _ => Answer(method, body, seq),
        };
        _calls.Enqueue(new SlackCall(seq, method, body, 200, auth, answer, Now));
        http.Response.ContentType = method == "response_url" ? "text/plain" : "application/json; charset=utf-8";
        await http.Response.WriteAsync(answer);
    }

    private bool TakeRateLimit(string method)
    {
        while (_rateLimited.TryGetValue(method, out var left) && left > 0)
        {
            if (_rateLimited.TryUpdate(method, left - 1, left)) return true;
        }
        return false;
    }

    private string Answer(string method, string body, int seq)
    {
        var ts = "1795600000." + seq.ToString("D6", CultureInfo.InvariantCulture);
        string? channel = null;
        if (body.StartsWith('{'))
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("channel", out var c)) channel = c.GetString();
            if (method == "chat.update" && doc.RootElement.TryGetProperty("ts", out var t)) ts = t.GetString() ?? ts;
        }
        switch (method)
        {
            case "users.info":
                var id = QueryHelpers.ParseQuery(body).GetValueOrDefault("user").ToString();
                var name = DisplayNames.GetValueOrDefault(id, id);
                return JsonSerializer.Serialize(new
                {
                    ok = true,
                    user = new { id, name = id.ToLowerInvariant(), real_name = name, profile = new { display_name = name, real_name = name } },
                });
            case "conversations.open":
                // Each person's DM is "D" + their id; people in Undeliverable cannot be messaged (Slack's own error).
                var who = body.StartsWith('{') ? JsonDocument.Parse(body).RootElement.GetProperty("users").GetString() ?? "" : "";
                return Undeliverable.TryGetValue(who, out var error)
                    ? JsonSerializer.Serialize(new { ok = false, error })
                    : JsonSerializer.Serialize(new { ok = true, channel = new { id = who.Length > 0 ? "D" + who : "D0E2EDM" } });
            case "chat.getPermalink":
                return """{"ok":true,"permalink":"https://acme.slack.com/archives/C0E2E/p1795600000000001"}""";
            case "views.open":
                return """{"ok":true,"view":{"id":"V0E2E"}}""";
            case "response_url":
                return "ok";
            default:
                return JsonSerializer.Serialize(new { ok = true, channel = channel ?? "C0E2E", ts });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
