using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests.Harness;

/// <summary>One host of a <see cref="SlackCluster"/>, named for the test output ("A", "B", "C", "C'" …).</summary>
public sealed record ClusterHost(string Name, HostProcess Process)
{
    public override string ToString() => $"{Name} (port {Process.Port})";
}

/// <summary>
/// What became of one request to a host: its HTTP status, or how it failed — <c>refused</c> (nothing listening: the host
/// was gone before it was sent) or <c>dropped</c> (the connection died with the request in flight).
/// </summary>
public sealed record Delivery(ClusterHost Host, int? Status, string? Failure, TimeSpan Took, bool Retry)
{
    /// <summary>Slack counts a request as delivered when it is answered 200.</summary>
    public bool Acked => Status == 200;

    public override string ToString() =>
        $"{(Retry ? "retry " : "")}to {Host.Name}: {(Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : Failure)} in {Took.TotalMilliseconds:0} ms";
}

/// <summary>
/// Several host processes with the same settings (one table prefix in the shared Azurite, one signing secret, one bot
/// token) behind one Slack stand-in, as behind a load balancer. Hosts can be killed outright and more started; requests
/// are signed as Slack signs them and sent to whichever host the test chooses.
/// </summary>
public sealed class SlackCluster : IAsyncDisposable
{
    private readonly ConcurrentQueue<ClusterHost> _hosts = new();
    private readonly Azure.Data.Tables.TableServiceClient _tables;
    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(15) };

    private SlackCluster(FakeSlackWebApi api, Azure.Data.Tables.TableServiceClient tables, string prefix, IReadOnlyDictionary<string, string> settings)
    {
        Api = api;
        _tables = tables;
        TablePrefix = prefix;
        Settings = settings;
        Stored = new StoredState(tables, prefix);
    }

    public FakeSlackWebApi Api { get; }

    public StoredState Stored { get; }

    public string TablePrefix { get; }

    /// <summary>What every host of the cluster runs with.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Every host started so far, killed ones included, in the order they started.</summary>
    public IReadOnlyList<ClusterHost> Hosts => [.. _hosts];

    /// <summary>Starts <paramref name="hosts"/> hosts (named A, B, C, …) at once and waits until each is ready.</summary>
    public static async Task<SlackCluster> StartAsync(AzuriteForHosts azurite, IEnumerable<Person> people, int hosts,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var api = await FakeSlackWebApi.StartAsync();
        foreach (var p in people) api.DisplayNames[p.Id] = p.DisplayName;
        var prefix = AzuriteForHosts.UniquePrefix();
        var cluster = new SlackCluster(api, azurite.Tables(), prefix, SlackWorkspace.HostEnvironment(azurite, api, prefix, settings));
        try
        {
            var starting = Enumerable.Range(0, hosts).Select(_ => HostProcess.StartAsync(cluster.Settings)).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                // Every host that did start joins, in the order asked for, so that disposing the cluster stops it.
                for (var i = 0; i < starting.Count; i++)
                {
                    if (starting[i].IsCompletedSuccessfully) cluster._hosts.Enqueue(new ClusterHost(((char)('A' + i)).ToString(), starting[i].Result));
                }
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>One more host with the cluster's settings, ready when this returns.</summary>
    public async Task<ClusterHost> StartHostAsync(string name)
    {
        var host = new ClusterHost(name, await HostProcess.StartAsync(Settings));
        _hosts.Enqueue(host);
        return host;
    }

    /// <summary>
    /// Sends a signed POST to <paramref name="host"/> (a redelivery when <paramref name="retryNum"/> is given) and reports
    /// what became of it; a host that is gone or dies meanwhile is an outcome here, not an exception.
    /// </summary>
    public async Task<Delivery> SendAsync(ClusterHost host, string path, string body, string contentType, int? retryNum = null)
    {
        using var request = SlackWorkspace.SignedRequest(new Uri(host.Process.BaseUrl, path), System.Text.Encoding.UTF8.GetBytes(body), contentType);
        if (retryNum is { } n) SlackWorkspace.MarkRetry(request, n);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return new Delivery(host, (int)response.StatusCode, null, clock.Elapsed, retryNum is not null);
        }
        catch (HttpRequestException e)
        {
            var refused = e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } || e.HttpRequestError == HttpRequestError.ConnectionError;
            return new Delivery(host, null, refused ? "refused" : "dropped (" + e.HttpRequestError + ")", clock.Elapsed, retryNum is not null);
        }
        catch (TaskCanceledException)
        {
            return new Delivery(host, null, "timed out", clock.Elapsed, retryNum is not null);
        }
    }

    /// <summary>A slash command <c>/recovery {text}</c>, as Slack posts it.</summary>
    public Task<Delivery> CommandAsync(ClusterHost host, Person user, string text, string channel) =>
        SendAsync(host, "/slack/commands", SlackWorkspace.SlashBody(Api, user, text, channel), "application/x-www-form-urlencoded");

    /// <summary>An Events API callback, as Slack posts it (again, signed afresh, when <paramref name="retryNum"/> is given).</summary>
    public Task<Delivery> EventAsync(ClusterHost host, string json, int? retryNum = null) =>
        SendAsync(host, "/slack/events", json, "application/json", retryNum);

    /// <summary>The last <paramref name="lines"/> lines each host printed, for a failing test's output.</summary>
    public void DumpHosts(ITestOutputHelper output, int lines = 60)
    {
        foreach (var host in Hosts)
        {
            var all = host.Process.Output.Split('\n');
            output.WriteLine($"==== host {host}, exited: {host.Process.HasExited}, last {Math.Min(lines, all.Length)} of {all.Length} lines ====");
            foreach (var line in all.TakeLast(lines)) output.WriteLine(line.TrimEnd('\r'));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        foreach (var host in _hosts) await host.Process.DisposeAsync();
        await Api.DisposeAsync();
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
