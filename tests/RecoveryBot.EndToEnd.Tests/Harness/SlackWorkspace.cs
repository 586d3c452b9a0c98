using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests.Harness;

/// <summary>A Slack user: id, handle (what an escaped mention carries) and display name (what users.info answers).</summary>
public sealed record Person(string Id, string Handle, string DisplayName)
{
    /// <summary>The mention as Slack sends it in a slash command's text with <c>should_escape: true</c>.</summary>
    public string Mention => $"<@{Id}|{Handle}>";
}

/// <summary>The answer to a request, with the JSON of an ephemeral reply read out.</summary>
public sealed record Reply(HttpStatusCode Status, string Body, string? ContentType)
{
    public bool IsEmpty => Body.Length == 0;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string ResponseType => Json.GetProperty("response_type").GetString() ?? "";

    public string Text => Json.GetProperty("text").GetString() ?? "";

    public bool HasBlocks => Json.TryGetProperty("blocks", out var b) && b.ValueKind == JsonValueKind.Array && b.GetArrayLength() > 0;

    public override string ToString() => $"{(int)Status} {ContentType} {Body}";
}

/// <summary>
/// One Slack workspace talking to the real host process: the fake Web API the host posts to, the host itself (its own
/// table prefix in the shared Azurite), and requests signed and shaped the way Slack sends them.
/// </summary>
public sealed class SlackWorkspace : IAsyncDisposable
{
    private static int clicks;

    public const string Team = "T0ACME";
    public const string TeamDomain = "acme";
    public const string AppId = "A0RECOV";
    public const string BotUser = "U0BOT";
    public const string BotId = "B0RECOV";
    public const string Secret = "e2e-signing-secret-3f9c1a7d5b2e";
    public const string BotToken = "xoxb-1111-2222-e2etoken";

    private readonly HttpClient _http;
    private int _cold = 1;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _transcript = new();

    private readonly Azure.Data.Tables.TableServiceClient _tables;

    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();

    /// <summary>Runs <c>due --at &lt;at&gt;</c> as a separate process on the same storage and Slack stand-in, as an operator would.</summary>
    public async Task<string> DueAsync(DateTimeOffset at)
    {
        var (code, output) = await HostProcess.RunCliAsync(_settings, "due", "--at", at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, $"due --at {at:O} exited with {code}:\n{output}");
        return output;
    }

    private SlackWorkspace(FakeSlackWebApi api, HostProcess host, Azure.Data.Tables.TableServiceClient tables, string prefix)
    {
        _tables = tables;
        Api = api;
        Host = host;
        Stored = new StoredState(tables, prefix);
        TablePrefix = prefix;
        _http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeSlackWebApi Api { get; }

    public HostProcess Host { get; }

    public StoredState Stored { get; }

    public string TablePrefix { get; }

    public HttpClient Http => _http;

    public static async Task<SlackWorkspace> StartAsync(AzuriteForHosts azurite, IEnumerable<Person> people, IReadOnlyDictionary<string, string>? settings = null)
    {
        var api = await FakeSlackWebApi.StartAsync();
        foreach (var p in people) api.DisplayNames[p.Id] = p.DisplayName;
        var prefix = AzuriteForHosts.UniquePrefix();
        var env = HostEnvironment(azurite, api, prefix, settings);
        try
        {
            var host = await HostProcess.StartAsync(env);
            return new SlackWorkspace(api, host, azurite.Tables(), prefix) { _settings = env };
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The settings a host of this workspace runs with: the shared Azurite under <paramref name="prefix"/>, this workspace's
    /// secret and token, the fake Web API, no scheduler; <paramref name="settings"/> add to them or replace them.
    /// </summary>
    public static Dictionary<string, string> HostEnvironment(AzuriteForHosts azurite, FakeSlackWebApi api, string prefix,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["Slack__SigningSecret"] = Secret,
            ["Slack__BotToken"] = BotToken,
            ["Slack__ApiBaseUrl"] = api.BaseUrl.AbsoluteUri,
            // Slack allows about one post a second per channel; a shorter pause keeps the suite fast and still paces.
            ["Slack__ChannelPacing"] = "00:00:00.050",
            ["Scheduler__Enabled"] = "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) env[k] = v;
        return env;
    }

    // ---- requests as Slack sends them ----

    /// <summary>A POST of a raw body to <paramref name="path"/>, signed with <paramref name="secret"/> (none: unsigned) at <paramref name="timestamp"/> (default now).</summary>
    public static HttpRequestMessage SignedRequest(Uri path, byte[] body, string contentType, string? secret = Secret, string? timestamp = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var ts = timestamp ?? SlackSigner.Now();
        if (secret is not null)
        {
            request.Headers.Add(SlackSigner.TimestampHeader, ts);
            request.Headers.Add(SlackSigner.SignatureHeader, SlackSigner.Sign(secret, ts, body));
        }
        request.Headers.UserAgent.ParseAdd("Slackbot 1.0 (+https://api.slack.com/robots)");
        return request;
    }

    /// <summary>Marks a request as Slack's redelivery number <paramref name="retryNum"/> of an event it saw time out.</summary>
    public static void MarkRetry(HttpRequestMessage request, int retryNum)
    {
        request.Headers.Add("X-Slack-Retry-Num", retryNum.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
    }

    /// <summary>POSTs a raw body, signed with <paramref name="secret"/> (none: unsigned) at <paramref name="timestamp"/> (default now).</summary>
    public async Task<Reply> PostAsync(string path, byte[] body, string contentType, string? secret = Secret, string? timestamp = null,
        Action<HttpRequestMessage>? edit = null)
    {
        using var request = SignedRequest(new Uri(path, UriKind.Relative), body, contentType, secret, timestamp);
        edit?.Invoke(request);
        using var response = await _http.SendAsync(request);
        var reply = new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        _transcript.Enqueue($"{Api.Now.TotalSeconds,7:0.000}s POST {path} ({body.Length} bytes) -> {Shorten(reply.ToString(), 400)}");
        return reply;
    }

    /// <summary>
    /// POSTs a large signed body over a raw socket, with a Content-Length or <c>Transfer-Encoding: chunked</c>, and returns
    /// the status code. HttpClient cannot be used here: it reads no response before it has sent the whole body, so a
    /// server that refuses early and closes the connection makes it fail instead of reporting the answer.
    /// </summary>
    public async Task<int> PostRawAsync(string path, byte[] body, string contentType, bool chunked)
    {
        // A server that closes with request bytes unread resets the connection, and a reset can overtake its answer;
        // then ask again (each attempt is refused just the same, so repeating changes nothing).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PostRawOnceAsync(path, body, contentType, chunked);
            }
            catch (IOException e) when (attempt < 3)
            {
                _transcript.Enqueue($"{Api.Now.TotalSeconds,7:0.000}s POST {path}: connection reset before the answer was read ({e.Message}); again");
            }
        }
    }

    private async Task<int> PostRawOnceAsync(string path, byte[] body, string contentType, bool chunked)
    {
        var ts = SlackSigner.Now();
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Host.Port);
        using var stream = client.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{Host.Port}\r\nContent-Type: {contentType}\r\n" +
                   (chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {body.Length}\r\n") +
                   $"{SlackSigner.TimestampHeader}: {ts}\r\n{SlackSigner.SignatureHeader}: {SlackSigner.Sign(Secret, ts, body)}\r\nConnection: close\r\n\r\n";
        var send = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                if (!chunked)
                {
                    await stream.WriteAsync(body);
                    return;
                }
                for (var at = 0; at < body.Length; at += 16 * 1024)
                {
                    var n = Math.Min(16 * 1024, body.Length - at);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(n.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
                    await stream.WriteAsync(body.AsMemory(at, n));
                    await stream.WriteAsync("\r\n"u8.ToArray());
                }
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
            }
            catch (IOException)
            {
                // The server stopped reading: expected once it has refused the body.
            }
        });
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var status = await reader.ReadLineAsync(timeout.Token) ?? "";
        await send;
        _transcript.Enqueue($"{Api.Now.TotalSeconds,7:0.000}s POST {path} ({(chunked ? "chunked, " : "")}{body.Length} bytes) -> {status}");
        var parts = status.Split(' ');
        return parts.Length >= 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var code) ? code : 0;
    }

    /// <summary>The form body of <c>/recovery {text}</c>, with every field Slack sends, in Slack's order.</summary>
    public string SlashBody(Person user, string text, string channel, string channelName = "quotes-rollout", string team = Team) =>
        SlashBody(Api, user, text, channel, channelName, team);

    /// <summary>The same, with a response_url on <paramref name="api"/>: for requests to any host that posts there.</summary>
    public static string SlashBody(FakeSlackWebApi api, Person user, string text, string channel, string channelName = "quotes-rollout", string team = Team) =>
        Form(SlashFields(api, user, text, channel, channelName, team));

    /// <summary>A slash command as a Socket Mode <c>slash_commands</c> envelope's payload: the same fields, as a JSON object.</summary>
    public JsonObject SlashPayload(Person user, string text, string channel, string team = Team) =>
        new(SlashFields(Api, user, text, channel, "quotes-rollout", team).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value))));

    private static (string Key, string Value)[] SlashFields(FakeSlackWebApi api, Person user, string text, string channel, string channelName, string team) =>
    [
        ("token", "e2eVerificationToken01"),
        ("team_id", team),
        ("team_domain", TeamDomain),
        ("channel_id", channel),
        ("channel_name", channelName),
        ("user_id", user.Id),
        ("user_name", user.Handle),
        ("command", "/recovery"),
        ("text", text),
        ("api_app_id", AppId),
        ("is_enterprise_install", "false"),
        ("response_url", api.ResponseUrl("commands")),
        ("trigger_id", TriggerId()),
    ];

    /// <summary>Runs <c>/recovery {text}</c> as <paramref name="user"/>; the HTTP answer must be a 200 within Slack's 3 s.</summary>
    public async Task<Reply> CommandAsync(Person user, string text, string channel, string team = Team)
    {
        _transcript.Enqueue($"{Api.Now.TotalSeconds,7:0.000}s {user.Handle} in {channel}: /recovery {text}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reply = await PostAsync("/slack/commands", Encoding.UTF8.GetBytes(SlashBody(user, text, channel, team: team)), "application/x-www-form-urlencoded");
        Assert.True(reply.Status == HttpStatusCode.OK, $"`/recovery {text}` by {user.Handle}: {reply}");
        // Slack gives up on a slash command after 3 s. The host's first request also pays for JIT-compiling the whole
        // path (on a busy 2-core CI box that alone can take seconds), so only warm requests are held to Slack's limit.
        var limit = Interlocked.Exchange(ref _cold, 0) == 1 ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(3);
        _transcript.Enqueue($"        answered in {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(clock.Elapsed < limit, $"`/recovery {text}` took {clock.Elapsed.TotalMilliseconds:0} ms; Slack gives up after 3 s.");
        if (!reply.IsEmpty) Assert.Equal("application/json", reply.ContentType);
        return reply;
    }

    /// <summary>
    /// A block_actions payload for a click by <paramref name="user"/> on <paramref name="button"/> of the message the bot
    /// posted (<paramref name="message"/>, as recorded at the fake API): the message's own blocks, ts and channel.
    /// </summary>
    public JsonObject ClickPayload(Person user, SlackCall message, JsonElement button)
    {
        var ts = message.Ts ?? throw new InvalidOperationException("The clicked message was never posted successfully.");
        var channel = message.Channel!;
        var blocks = JsonNode.Parse(message.Json.GetProperty("blocks").GetRawText())!.AsArray();
        // Slack gives every block a block_id when the app did not; the click names the id of the block it came from.
        string? blockId = null;
        foreach (var block in blocks.OfType<JsonObject>())
        {
            block["block_id"] ??= Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..5];
            if (block["type"]?.GetValue<string>() == "actions" &&
                block["elements"]!.AsArray().Any(e => e?["action_id"]?.GetValue<string>() == button.GetProperty("action_id").GetString()))
            {
                blockId = block["block_id"]!.GetValue<string>();
            }
        }
        var action = JsonNode.Parse(button.GetRawText())!.AsObject();
        action["block_id"] = blockId ?? "actions";
        // Slack's action_ts has microseconds, so two clicks in one second differ (a repeated one is deduplicated).
        action["action_ts"] = SlackSigner.Now() + "." + (Interlocked.Increment(ref clicks) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user.Id, ["username"] = user.Handle, ["name"] = user.Handle, ["team_id"] = Team },
            ["api_app_id"] = AppId,
            ["token"] = "e2eVerificationToken01",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = ts, ["channel_id"] = channel, ["is_ephemeral"] = false },
            ["trigger_id"] = TriggerId(),
            ["team"] = new JsonObject { ["id"] = Team, ["domain"] = TeamDomain },
            ["enterprise"] = null,
            ["is_enterprise_install"] = false,
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "quotes-rollout" },
            ["message"] = new JsonObject
            {
                ["bot_id"] = BotId, ["type"] = "message", ["text"] = message.Text, ["user"] = BotUser, ["ts"] = ts, ["app_id"] = AppId,
                ["blocks"] = blocks, ["team"] = Team,
            },
            ["state"] = new JsonObject { ["values"] = new JsonObject() },
            ["response_url"] = Api.ResponseUrl("actions"),
            ["actions"] = new JsonArray(action),
        };
    }

    public Task<Reply> InteractAsync(JsonObject payload, string? secret = Secret) =>
        PostAsync("/slack/interactivity", Encoding.UTF8.GetBytes(Form(("payload", payload.ToJsonString()))), "application/x-www-form-urlencoded", secret);

    /// <summary>Clicks the button with <paramref name="actionId"/> on a posted message.</summary>
    public async Task<Reply> ClickAsync(Person user, SlackCall message, string actionId)
    {
        var button = message.Buttons.FirstOrDefault(b => b.GetProperty("action_id").GetString() == actionId);
        Assert.True(button.ValueKind == JsonValueKind.Object,
            $"No `{actionId}` button on {message}; it has: {string.Join(", ", message.Buttons.Select(b => b.GetProperty("action_id").GetString()))}");
        var reply = await InteractAsync(ClickPayload(user, message, button));
        Assert.True(reply.Status == HttpStatusCode.OK, $"click {actionId} by {user.Handle}: {reply}");
        return reply;
    }

    /// <summary>An Events API <c>event_callback</c> with an <c>app_mention</c>, as Slack wraps it.</summary>
    public static string AppMentionEvent(string eventId, Person user, string channel, string text, string eventTs) => new JsonObject
    {
        ["token"] = "e2eVerificationToken01",
        ["team_id"] = Team,
        ["api_app_id"] = AppId,
        ["event"] = new JsonObject
        {
            ["client_msg_id"] = Guid.NewGuid().ToString(),
            ["type"] = "app_mention",
            ["text"] = text,
            ["user"] = user.Id,
            ["ts"] = eventTs,
            ["team"] = Team,
            ["channel"] = channel,
            ["event_ts"] = eventTs,
        },
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = long.Parse(eventTs.Split('.')[0], CultureInfo.InvariantCulture),
        ["authorizations"] = new JsonArray(new JsonObject
        {
            ["enterprise_id"] = null, ["team_id"] = Team, ["user_id"] = BotUser, ["is_bot"] = true, ["is_enterprise_install"] = false,
        }),
        ["is_ext_shared_channel"] = false,
        ["event_context"] = "4-e2eEventContext",
    }.ToJsonString();

    /// <summary>Delivers an event; a redelivery carries X-Slack-Retry-Num/-Reason and is signed afresh, as Slack does.</summary>
    public Task<Reply> EventAsync(string json, int? retryNum = null) =>
        PostAsync("/slack/events", Encoding.UTF8.GetBytes(json), "application/json", edit: r =>
        {
            if (retryNum is { } n) MarkRetry(r, n);
        });

    public static string Form(params (string Key, string Value)[] fields) =>
        string.Join('&', fields.Select(f => WebUtility.UrlEncode(f.Key) + "=" + WebUtility.UrlEncode(f.Value)));

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private static string TriggerId() =>
        $"{SlackSigner.Now()}001.1001.{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))}";

    /// <summary>Host output and every Web API call, for a failing test's output.</summary>
    public void Dump(ITestOutputHelper output)
    {
        output.WriteLine("==== requests to the host ====");
        foreach (var line in _transcript) output.WriteLine(line);
        output.WriteLine($"==== Slack Web API calls ({Api.Calls.Count}) ====");
        foreach (var call in Api.Calls) output.WriteLine(call.ToString());
        output.WriteLine($"==== host output (port {Host.Port}, table prefix {TablePrefix}, exited: {Host.HasExited}) ====");
        output.WriteLine(Host.Output);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
        await Api.DisposeAsync();
        // The host's tables go with it (they matter when AZURITE_TABLE_ENDPOINT names a long-lived Azurite).
        try
        {
            var names = new List<string>();
            await foreach (var t in _tables.QueryAsync()) if (t.Name.StartsWith(TablePrefix, StringComparison.Ordinal)) names.Add(t.Name);
            foreach (var name in names) await _tables.DeleteTableAsync(name);
        }
        catch (Azure.RequestFailedException)
        {
            // Leftover tables under a unique prefix are harmless.
        }
    }
}
