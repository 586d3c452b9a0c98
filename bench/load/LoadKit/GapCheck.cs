using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace LoadKit;

/// <summary>
/// After the gap runs: reads every recovery and gap row from storage and checks, per platform, that each recovery's
/// gap ids are exactly 1..N (none lost in between, none twice), that its stored NextGapNumber (a lower bound: a report claims its number by inserting the gap row) is at most N+1, that no title was stored
/// twice (every benchmark request has its own title, so a repeated title is a duplicated report), that the number of gaps
/// equals the number of replies that said the gap was logged, and that every "G-n logged" message the stubs received
/// names a stored gap, at most once. Prints one JSON object; exits 1 when anything is off.
/// </summary>
internal static class GapCheck
{
    public static async Task<int> RunAsync(Args args)
    {
        var table = new TableServiceClient(args["connection"]).GetTableClient(args["prefix"] + "recoveries");
        var stats = JsonNode.Parse(await new HttpClient().GetStringAsync(new Uri(args["stats"])))!;
        var expected = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["slack"] = long.Parse(args.Get("slack-acks", "-1"), CultureInfo.InvariantCulture),
            ["teams"] = long.Parse(args.Get("teams-acks", "-1"), CultureInfo.InvariantCulture),
        };

        var recoveries = new Dictionary<string, (string Platform, string Conversation, int NextGap)>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>("RowKey eq 'recovery'", select: ["PartitionKey", "Platform", "Conversation", "NextGapNumber"]))
            recoveries[e.PartitionKey] = (e.GetString("Platform"), e.GetString("Conversation"), e.GetInt32("NextGapNumber") ?? 0);
        var gaps = new Dictionary<string, List<(int Number, string Title)>>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>("RowKey ge 'g|' and RowKey lt 'g}'", select: ["PartitionKey", "RowKey", "Title"]))
        {
            var number = int.Parse(e.RowKey.AsSpan(2), CultureInfo.InvariantCulture);
            (gaps.TryGetValue(e.PartitionKey, out var list) ? list : gaps[e.PartitionKey] = []).Add((number, e.GetString("Title") ?? ""));
        }

        var result = new JsonObject();
        var ok = true;
        foreach (var platform in new[] { "slack", "teams" })
        {
            var announced = (stats[platform == "slack" ? "slack" : "connector"]!["announced"] as JsonObject)!
                .ToDictionary(p => p.Key, p => p.Value!.AsArray().Select(v => (int)v!).ToList(), StringComparer.Ordinal);
            long stored = 0, gapsInError = 0, duplicateTitles = 0, counterErrors = 0, announcedUnknown = 0, announcedTwice = 0, announcedCount = 0;
            var withGaps = 0;
            foreach (var (id, r) in recoveries.Where(r => r.Value.Platform == platform))
            {
                var list = gaps.TryGetValue(id, out var l) ? l : [];
                if (list.Count > 0) withGaps++;
                stored += list.Count;
                var numbers = list.Select(g => g.Number).Order().ToList();
                for (var i = 0; i < numbers.Count; i++) if (numbers[i] != i + 1) { gapsInError++; }
                if (r.NextGap < 1 || r.NextGap > numbers.Count + 1) counterErrors++;
                duplicateTitles += list.Count - list.Select(g => g.Title).Distinct(StringComparer.Ordinal).Count();
                var said = announced.TryGetValue(r.Conversation, out var a) ? a : [];
                announcedCount += said.Count;
                announcedTwice += said.Count - said.Distinct().Count();
                var have = numbers.ToHashSet();
                announcedUnknown += said.Count(n => !have.Contains(n));
            }
            var known = recoveries.Values.Where(r => r.Platform == platform).Select(r => r.Conversation).ToHashSet(StringComparer.Ordinal);
            announcedUnknown += announced.Where(p => !known.Contains(p.Key)).Sum(p => p.Value.Count);
            // Slack answers a logged gap with an empty 200 (the "G-n logged" line is a channel post, paced at 1/s per channel,
            // so most are still queued when this runs): expected are the acks wrk read, plus at most the requests it had in
            // flight when it stopped (sent, answer never read). Teams replies through the connector before answering, so
            // there every stored gap must have been announced exactly once, in flight or not.
            var acks = expected[platform] >= 0 ? expected[platform] : announcedCount;
            var inFlight = platform == "slack" ? long.Parse(args.Get("slack-inflight", "0"), CultureInfo.InvariantCulture) : 0;
            var good = gapsInError == 0 && counterErrors == 0 && duplicateTitles == 0 && announcedUnknown == 0 && announcedTwice == 0
                && stored >= acks && stored <= acks + inFlight && (platform == "slack" || announcedCount == stored);
            ok &= good;
            result[platform] = new JsonObject
            {
                ["recoveries"] = recoveries.Values.Count(r => r.Platform == platform),
                ["recoveriesWithGaps"] = withGaps,
                ["stored"] = stored,
                ["acknowledged"] = acks,
                ["inFlightAtCutOff"] = inFlight,
                ["idsNotContiguous"] = gapsInError,
                ["counterMismatches"] = counterErrors,
                ["duplicateTitles"] = duplicateTitles,
                ["announced"] = announcedCount,
                ["announcedTwice"] = announcedTwice,
                ["announcedButNotStored"] = announcedUnknown,
                ["ok"] = good,
            };
        }
        result["ok"] = ok;
        Console.WriteLine(result.ToJsonString());
        return ok ? 0 : 1;
    }
}
