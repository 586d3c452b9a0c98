using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RecoveryBot.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests;

/// <summary>
/// Three hosts share one storage and one Slack app, and Slack's traffic is spread over them. One host is killed outright
/// in the middle of a burst of reports and a new one started: every acknowledged report is stored once, every stored
/// report is announced in its channel, and an announcement comes twice at most once per channel.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ChaosTests(AzuriteForHosts azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Hosts = 3;
    private const int Channels = 6;
    private const int Reports = 300;
    private const int Concurrency = 16;
    private const int KillAfterAcks = Reports / 3;
    private const int HeldForRestart = 60;   // the last reports wait for the new host, so it gets some of the burst
    private const int AckedRetries = 24;

    // The durable outbound path reads these: a dead host's lanes are taken over a lease and a sweep after its last renewal.
    private static readonly TimeSpan HostLease = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(1);
    // A retry that finds an event still claimed by a host is answered 503; Slack tries again later (after a minute; here
    // after this lease, which the hosts are given instead of their 45 s default).
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(5);
    // Slow enough that the killed host has posts waiting when it dies, fast enough that 50 posts a channel settle in seconds.
    private static readonly TimeSpan Pacing = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(90);
    // With nothing new for this long, nothing more is coming: longer than a takeover (lease + sweeps) takes.
    private static readonly TimeSpan Quiet = HostLease + 2 * SweepEvery + TimeSpan.FromSeconds(2);

    private static readonly Person Lena = new("U0LENA", "lena", "Lena Ortiz");
    private static readonly Person[] Reporters =
    [
        new("U0MO", "mo", "Mo Okafor"), new("U0ANA", "ana", "Ana Silva"), new("U0RAVI", "ravi", "Ravi Patel"), new("U0DANA", "dana", "Dana Ruiz"),
    ];

    private SlackCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SlackCluster.StartAsync(azurite, [Lena, .. Reporters], Hosts, new Dictionary<string, string>
    {
        ["Slack__ChannelPacing"] = Pacing.ToString("c", CultureInfo.InvariantCulture),
        ["Outbound__HostLease"] = HostLease.ToString("c", CultureInfo.InvariantCulture),
        ["Outbound__SweepEvery"] = SweepEvery.ToString("c", CultureInfo.InvariantCulture),
        ["Storage__ClaimLease"] = ClaimLease.ToString("c", CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task HostKilledMidBurst_AckedReportsStoredOnce_StoredReportsAnnounced()
    {
        var wall = Stopwatch.StartNew();
        var api = _cluster.Api;
        var channels = Enumerable.Range(1, Channels).Select(c => $"C0CHAOS{c}").ToArray();
        var router = new Router(_cluster.Hosts);

        // 1. A recovery in every channel.
        var starts = await Task.WhenAll(channels.Select((c, i) => _cluster.CommandAsync(router.Next(), Lena, $"start Chaos drill {i + 1}", c)));
        Assert.All(starts, d => Assert.True(d.Acked, d.ToString()));
        await api.WaitFor("every channel's recovery started",
            calls => channels.All(c => calls.Any(x => x.Method == "chat.postMessage" && x.Ok && x.Channel == c && x.Text.Contains("started", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30));

        // 2-3. The burst, over every live host; one host is killed a third of the way in and a new one started.
        var reports = Enumerable.Range(0, Reports).Select(n => Report.Create(n, channels[n % Channels], Reporters[n / Channels % Reporters.Length])).ToList();
        var deliveries = new ConcurrentQueue<(Report Report, Delivery Delivery)>();
        var victim = _cluster.Hosts[^1];
        var restarted = new TaskCompletionSource<ClusterHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task? chaos = null;
        var backlogAtKill = 0;
        var killedAt = TimeSpan.Zero;
        var burst = Stopwatch.StartNew();
        var killedInBurst = TimeSpan.Zero;
        var acked = 0;
        var next = -1;
        var inFlightToVictim = 0;
        var inFlightAtKill = 0;

        async Task KillAndRestartAsync()
        {
            // A crash finds requests half done: wait (a little) until some are in flight to the victim, then kill it. The
            // balancer notices just after, so a request sent in between finds nothing listening.
            var waiting = Stopwatch.StartNew();
            while (Volatile.Read(ref inFlightToVictim) < 3 && waiting.Elapsed < TimeSpan.FromSeconds(2)) await Task.Delay(1);
            inFlightAtKill = Volatile.Read(ref inFlightToVictim);
            var killing = victim.Process.KillAsync();   // the signal is sent before this returns
            router.Remove(victim);
            await killing;
            killedAt = api.Now;
            killedInBurst = burst.Elapsed;
            var announced = Announcements(api.Posts).Select(a => a.Title).ToHashSet(StringComparer.Ordinal);
            backlogAtKill = deliveries.Where(x => x.Delivery.Acked && x.Delivery.Host == victim).Count(x => !announced.Contains(x.Report.Title));
            try
            {
                var fresh = await _cluster.StartHostAsync(victim.Name + "'");
                router.Add(fresh);
                restarted.SetResult(fresh);
            }
            catch (Exception e)
            {
                restarted.SetException(e);
            }
        }

        async Task WorkerAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < Reports; i = Interlocked.Increment(ref next))
            {
                if (i >= Reports - HeldForRestart) await restarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
                var report = reports[i];
                var host = router.Next();
                if (host == victim) Interlocked.Increment(ref inFlightToVictim);
                var delivery = await SendAsync(report, host);
                if (host == victim) Interlocked.Decrement(ref inFlightToVictim);
                deliveries.Enqueue((report, delivery));
                if (delivery.Acked && Interlocked.Increment(ref acked) == KillAfterAcks) chaos = Task.Run(KillAndRestartAsync);
            }
        }

        burst.Restart();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(WorkerAsync)));
        Assert.NotNull(chaos);
        await chaos;
        var fresh = await restarted.Task;
        var burstTime = burst.Elapsed;

        // 4. Slack's redeliveries: acknowledged events again, each to another host than the first time; and the events
        // whose first delivery went to the killed host unanswered (Slack retries those).
        var first = deliveries.ToList();
        var ackedMentions = first.Where(x => x.Report.EventId is not null && x.Delivery.Acked).ToList();
        var repeats = ackedMentions.Where((_, k) => k % Math.Max(1, ackedMentions.Count / AckedRetries) == 0).Take(AckedRetries)
            .Select(x => (x.Report, To: router.Next(not: x.Delivery.Host))).ToList();
        var lost = first.Where(x => x.Report.EventId is not null && !x.Delivery.Acked).Select(x => (x.Report, To: router.Next())).ToList();
        var retries = new ConcurrentQueue<(Report Report, Delivery Delivery)>();
        await Parallel.ForEachAsync(repeats.Concat(lost), new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (r, ct) =>
            {
                // As Slack does: a retry at once, and while the answer is not 200, up to two more after a wait.
                for (var retryNum = 1; retryNum <= 3; retryNum++)
                {
                    var to = retryNum == 1 ? r.To : router.Next();
                    var delivery = await _cluster.EventAsync(to, r.Report.Event!, retryNum: retryNum);
                    retries.Enqueue((r.Report, delivery));
                    if (delivery.Acked) break;
                    await Task.Delay(ClaimLease + TimeSpan.FromSeconds(1), ct);
                }
            });
        var trafficEnd = api.Now;

        // 5. Wait for the posts to settle.
        var settle = Stopwatch.StartNew();
        var lastChange = TimeSpan.Zero;
        var seen = (Posts: -1, Stored: -1);
        IReadOnlyList<StoredGap> stored;
        IReadOnlyList<SlackCall> posts;
        while (true)
        {
            stored = await StoredGapsAsync(channels);
            posts = api.Posts;
            if ((posts.Count, stored.Count) != seen)
            {
                seen = (posts.Count, stored.Count);
                lastChange = settle.Elapsed;
            }
            var quietFor = settle.Elapsed - lastChange;
            // All there and nothing late: a takeover of the killed host's posts (with its duplicates) has had its time too.
            if (stored.All(g => IsAnnounced(g, posts)) && quietFor >= TimeSpan.FromSeconds(2) && api.Now - killedAt >= Quiet) break;
            if (quietFor >= Quiet || settle.Elapsed >= SettleLimit) break;
            await Task.Delay(250);
        }
        var settleWait = settle.Elapsed;

        // What Slack saw, what was stored, what was announced.
        var all = first.Concat(retries).ToList();
        var ackedReports = all.Where(x => x.Delivery.Acked).Select(x => x.Report).ToHashSet();
        var unacked = reports.Where(r => !ackedReports.Contains(r)).ToList();
        var storedByTitle = stored.GroupBy(g => g.Title, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var announcements = Announcements(posts);
        var announcedTitles = announcements.GroupBy(a => a.Title, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var notStored = ackedReports.Where(r => storedByTitle.GetValueOrDefault(r.Title) == 0).ToList();
        var storedTwice = storedByTitle.Where(t => t.Value > 1).ToList();
        var unannounced = stored.Where(g => !IsAnnounced(g, posts)).ToList();
        var duplicates = announcedTitles.Sum(t => t.Value - 1);
        var lastAnnouncement = announcements.Count == 0 ? trafficEnd : announcements.Max(a => a.At);

        output.WriteLine($"hosts: {string.Join(", ", _cluster.Hosts)}; {victim.Name} killed {killedInBurst.TotalSeconds:0.0} s into the burst after {KillAfterAcks} acks " +
                         $"with {inFlightAtKill} request(s) in flight to it, " +
                         $"{fresh.Name} started in its place");
        output.WriteLine($"burst: {Reports} reports ({reports.Count(r => r.EventId is not null)} app_mention, {reports.Count(r => r.EventId is null)} slash) in {burstTime.TotalSeconds:0.0} s, " +
                         $"per host {string.Join(", ", first.GroupBy(x => x.Delivery.Host.Name).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}");
        var ackTimes = first.Where(x => x.Delivery.Acked).Select(x => x.Delivery.Took.TotalMilliseconds).Order().ToList();
        output.WriteLine($"ack time: median {ackTimes[ackTimes.Count / 2]:0} ms, p99 {ackTimes[ackTimes.Count * 99 / 100]:0} ms, max {ackTimes[^1]:0} ms " +
                         $"({ackTimes.Count(t => t >= 2500)} at or past the host's 2.5 s ack budget, where it answers before the work is done)");
        output.WriteLine($"first deliveries not acknowledged: {string.Join(", ", first.Where(x => !x.Delivery.Acked).GroupBy(x => x.Delivery.Failure ?? x.Delivery.Status?.ToString(CultureInfo.InvariantCulture)).Select(g => $"{g.Count()} {g.Key}"))}");
        output.WriteLine($"retries: {repeats.Count} of acknowledged events to another host ({retries.Count(x => repeats.Any(r => r.Report == x.Report) && x.Delivery.Acked)} acked), " +
                         $"{lost.Count} of unanswered events ({retries.Count(x => lost.Any(r => r.Report == x.Report) && x.Delivery.Acked)} acked, " +
                         $"{lost.Count(l => storedByTitle.ContainsKey(l.Report.Title))} stored)");
        output.WriteLine($"acked: {ackedReports.Count}, unacked: {unacked.Count} ({unacked.Count(r => storedByTitle.ContainsKey(r.Title))} of them stored anyway)");
        output.WriteLine($"stored: {stored.Count} rows, {storedByTitle.Count} titles; acked but not stored: {notStored.Count}; stored twice: {storedTwice.Count}");
        output.WriteLine($"the killed host's acknowledged reports not yet announced when it died: {backlogAtKill}");
        output.WriteLine($"announced: {stored.Count - unannounced.Count} of {stored.Count} stored; not announced: {unannounced.Count}; duplicate announcements: {duplicates} (allowed ≤ {Channels})");
        output.WriteLine($"settle: last announcement {(lastAnnouncement - trafficEnd).TotalSeconds:0.0} s after the traffic ended " +
                         $"({(lastAnnouncement - killedAt).TotalSeconds:0.0} s after the kill); waited {settleWait.TotalSeconds:0.0} s; wall time {wall.Elapsed.TotalSeconds:0.0} s");

        var failures = new List<string>();
        // A report lost this way would be an event whose retries were all acknowledged without running it.
        var ackedOnClaimedRetry = notStored.Count(r => all.Where(x => x.Report == r)
            .All(x => x.Delivery.Retry ? x.Delivery.Acked : x.Delivery.Host == victim && x.Delivery.Failure?.StartsWith("dropped", StringComparison.Ordinal) == true));
        if (notStored.Count > 0)
        {
            failures.Add($"{notStored.Count} acknowledged report(s) not stored ({ackedOnClaimedRetry} of them acknowledged only on a retry of an event " +
                         $"that died in flight with {victim.Name}): {Titles(notStored.Select(r => $"{r.Title} (sent {Sent(all, r.Title)})"))}");
        }
        if (storedTwice.Count > 0) failures.Add($"{storedTwice.Count} title(s) stored more than once: {Titles(storedTwice.Select(t => $"{t.Key} ×{t.Value}"))}");
        if (unannounced.Count > 0) failures.Add($"{unannounced.Count} stored report(s) never announced in their channel: {Titles(unannounced.Select(g => $"{g.Title} (G-{g.Number} in {g.Channel}, sent {Sent(all, g.Title)})"))}");
        // A takeover may repeat what the dead host posted but had not yet recorded as sent: at most one post per channel lane.
        if (duplicates > Channels) failures.Add($"{duplicates} duplicate announcements, more than one per channel ({Channels}): {Titles(announcedTitles.Where(t => t.Value > 1).Select(t => $"{t.Key} ×{t.Value}"))}");
        if (failures.Count > 0)
        {
            _cluster.DumpHosts(output, lines: 30);
            Assert.Fail(string.Join("\n", failures));
        }
    }

    private Task<Delivery> SendAsync(Report report, ClusterHost host) =>
        report.Event is { } json ? _cluster.EventAsync(host, json) : _cluster.CommandAsync(host, report.By, "gap " + report.Title, report.Channel);

    private async Task<IReadOnlyList<StoredGap>> StoredGapsAsync(IEnumerable<string> channels)
    {
        var rows = await Task.WhenAll(channels.Select(async c => (Channel: c, Rows: await _cluster.Stored.GapsAsync(SlackWorkspace.Team, c))));
        return [.. rows.SelectMany(c => c.Rows.Select(g => new StoredGap(c.Channel, int.Parse(g.RowKey["g|".Length..], CultureInfo.InvariantCulture),
            g.GetString("Title") ?? "", StoredState.UserId(g, "Reporter") ?? "")))];
    }

    /// <summary>The announcement the host posts for a report: "G-7 logged by Mo Okafor: Chaos report 0042." in its channel.</summary>
    private static bool IsAnnounced(StoredGap gap, IReadOnlyList<SlackCall> posts)
    {
        var name = Reporters.FirstOrDefault(p => p.Id == gap.ReporterId)?.DisplayName ?? gap.ReporterId;
        var text = $"G-{gap.Number} logged by {name}: {gap.Title}.";
        return posts.Any(p => p.Channel == gap.Channel && p.Text == text);
    }

    private static List<(string Title, string? Channel, TimeSpan At)> Announcements(IReadOnlyList<SlackCall> posts) =>
        [.. posts.Select(p => (Post: p, Match: AnnouncementText().Match(p.Text))).Where(x => x.Match.Success)
            .Select(x => (x.Match.Groups["title"].Value, x.Post.Channel, x.Post.At))];

    private static string Sent(IEnumerable<(Report Report, Delivery Delivery)> all, string title) =>
        string.Join("; ", all.Where(x => x.Report.Title == title).Select(x => x.Delivery.ToString()));

    private static string Titles(IEnumerable<string> titles)
    {
        var list = titles.ToList();
        return "\n  " + string.Join("\n  ", list.Take(40)) + (list.Count > 40 ? $"\n  … and {list.Count - 40} more" : "");
    }

    [GeneratedRegex(@"^G-\d+ logged by .+?: (?<title>Chaos report \d{4})\.")]
    private static partial Regex AnnouncementText();

    /// <summary>One report of the burst: a slash command, or an app_mention with its own event_id (kept for Slack's retries).</summary>
    private sealed record Report(string Title, string Channel, Person By, string? EventId, string? Event)
    {
        public static Report Create(int n, string channel, Person by)
        {
            var title = $"Chaos report {n.ToString("D4", CultureInfo.InvariantCulture)}";
            if (n % 2 == 0) return new Report(title, channel, by, null, null);
            var id = $"Ev0CHAOS{n.ToString("D4", CultureInfo.InvariantCulture)}";
            var ts = $"1795600100.{n.ToString("D6", CultureInfo.InvariantCulture)}";
            return new Report(title, channel, by, id, SlackWorkspace.AppMentionEvent(id, by, channel, $"<@{SlackWorkspace.BotUser}> gap {title}", ts));
        }
    }

    private sealed record StoredGap(string Channel, int Number, string Title, string ReporterId);

    /// <summary>Round-robin over the hosts that are up, as a load balancer that has noticed which ones are.</summary>
    private sealed class Router(IEnumerable<ClusterHost> hosts)
    {
        private readonly Lock _gate = new();
        private readonly List<ClusterHost> _live = [.. hosts];
        private int _next;

        public ClusterHost Next(ClusterHost? not = null)
        {
            lock (_gate)
            {
                var candidates = _live.Where(h => h != not).ToList();
                return candidates[_next++ % candidates.Count];
            }
        }

        public void Remove(ClusterHost host)
        {
            lock (_gate) _live.Remove(host);
        }

        public void Add(ClusterHost host)
        {
            lock (_gate) _live.Add(host);
        }
    }
}
