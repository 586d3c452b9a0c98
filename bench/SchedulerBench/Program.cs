using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Storage;
using RecoveryBot.Storage.Tests.Azurite;
using SchedulerBench;

// Usage: dotnet run -c Release --project bench/SchedulerBench [-- --sizes 1000,10000 --items 100 --due 20 --runs 10 --store memory] [--distinct-keys]
// Tick time with the same due load (--due recoveries, three overdue nudges each) over fleets of different sizes, then
// with twice the due load on the largest fleet. The scheduler's tables (due-index, outbox, leases) are in Azurite: the
// one at AZURITE_TABLE_ENDPOINT, else one the bench starts in memory. The gap log (recoveries and items) is in memory by
// default (see MemoryStore for why); `--store azurite` puts it in Azurite too, practical only for small fleets.
var sizes = (Value("--sizes") ?? "1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var items = int.Parse(Value("--items") ?? "100", CultureInfo.InvariantCulture);
var due = int.Parse(Value("--due") ?? "20", CultureInfo.InvariantCulture);
var runs = int.Parse(Value("--runs") ?? "10", CultureInfo.InvariantCulture);
var gapsInAzurite = Value("--store") == "azurite";
var timer = new RequestTimer();
// Azurite finds a row through its RowKey, so rows sharing an occurrence key across recoveries make its point operations slower
// as more of them are stored; --distinct-keys gives each recovery other overdue items (a diagnosis, not the default).
var distinctKeys = args.Contains("--distinct-keys");

var endpoint = Environment.GetEnvironmentVariable("AZURITE_TABLE_ENDPOINT");
using var azurite = string.IsNullOrWhiteSpace(endpoint) ? await AzuriteProcess.StartAsync(inMemory: true) : null;
var connection = azurite?.ConnectionString ?? AzuriteEnvironment.ConnectionStringFor(endpoint!);
Console.WriteLine($"Azurite: {(azurite is null ? endpoint : $"started by the bench, in memory, port {azurite.Port}")}; " +
    $"{items} items per recovery in {(gapsInAzurite ? "Azurite" : "memory")}, {runs} measured ticks per row (after 3 warm-up ticks), " +
    $"{Environment.ProcessorCount} cores");

// A small fleet first warms both sides (.NET tiered JIT, Node's JIT, connections), so row order does not bias the result.
await MeasureAsync((Ticker.WarmUp + runs) * due, [due]);
var results = new List<TickResult>();
for (var i = 0; i < sizes.Length; i++) results.AddRange(await MeasureAsync(sizes[i], i == sizes.Length - 1 ? [due, 2 * due] : [due]));

Console.WriteLine();
Console.WriteLine("| recoveries | items stored | recoveries due per tick | posts per tick | tick median ms | tick min ms | storage requests per tick |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Recoveries} | {r.Recoveries * (long)items} | {r.Due} | {r.Posts} | {r.MedianMs:0.0} | {r.MinMs:0.0} | {r.Requests} |"));
}
Console.WriteLine();
Console.WriteLine($"Load average at the end (1, 5, 15 min): {LoadAverage()}; timings are only comparable on a quiet machine.");
if (results.Count > 2)
{
    var (small, large, doubled) = (results[0], results[^2], results[^1]);
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Same due load, {large.Recoveries / small.Recoveries}× the items: tick time ×{large.MedianMs / small.MedianMs:0.00} " +
        $"(min ×{large.MinMs / small.MinMs:0.00}), storage requests ×{(double)large.Requests / small.Requests:0.00}."));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Same fleet, 2× the due load: tick time ×{doubled.MedianMs / large.MedianMs:0.00}, storage requests ×{(double)doubled.Requests / large.Requests:0.00}."));
}

async Task<List<TickResult>> MeasureAsync(int size, int[] dueLoads)
{
    var options = new StorageOptions { ConnectionString = connection, TablePrefix = "sb" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)) };
    var counter = new RequestCounter();
    var storage = new TableStorage(CountingClient(options, counter, timer), Options.Create(options));
    await storage.EnsureTablesAsync(CancellationToken.None);
    try
    {
        IRecoveryStore store = gapsInAzurite ? new TableRecoveryStore(storage) : new MemoryStore();
        var seeder = new Seeder(store, storage, items, distinctKeys);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ids = await seeder.SeedAsync(size, workers: 16);
        Console.Error.WriteLine($"{size} recoveries × {items} items seeded in {clock.Elapsed.TotalSeconds:0.0} s");
        // Let Azurite settle after the seeding burst (its garbage collector mostly) before anything is timed.
        GC.Collect();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var ticker = new Ticker(storage, store, seeder, counter, ids);
        var results = new List<TickResult>();
        foreach (var load in dueLoads)
        {
            timer.Report();
            results.Add(await ticker.MeasureAsync(load, runs));
            Console.Error.WriteLine($"{size} recoveries, {load} due: storage time by request kind over the ticks\n{timer.Report()}");
        }
        return results;
    }
    finally
    {
        foreach (var name in storage.Names.All) await storage.Service.DeleteTableAsync(name);
    }
}

static TableServiceClient CountingClient(StorageOptions options, RequestCounter counter, RequestTimer timer)
{
    var client = new TableClientOptions();
    client.Retry.Mode = RetryMode.Exponential;
    client.AddPolicy(counter, HttpPipelinePosition.PerRetry);
    client.AddPolicy(timer, HttpPipelinePosition.PerRetry);
    return new TableServiceClient(options.ConnectionString, client);
}

// Other work on the machine swings tick times far more than the fleet size does; say how busy it was.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

string? Value(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
