using System.Globalization;
using Microsoft.Extensions.Options;
using RecoveryBot.Storage;
using RecoveryBot.Storage.Tests.Azurite;
using StorageBench;

// Usage: dotnet run -c Release --project bench/StorageBench [-- --seconds 10 --workers 32 --recoveries 200]
// Uses the Azurite at AZURITE_TABLE_ENDPOINT, else starts one (in memory) from the repo's node_modules.
var seconds = Arg("--seconds", 10);
var workers = Arg("--workers", 32);
var recoveries = Arg("--recoveries", 200);
var duration = TimeSpan.FromSeconds(seconds);

var endpoint = Environment.GetEnvironmentVariable("AZURITE_TABLE_ENDPOINT");
using var azurite = string.IsNullOrWhiteSpace(endpoint) ? await AzuriteProcess.StartAsync(inMemory: true) : null;
var connection = azurite?.ConnectionString ?? AzuriteEnvironment.ConnectionStringFor(endpoint!);
var options = new StorageOptions
{
    ConnectionString = connection,
    TablePrefix = "bench" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)),
};
var storage = new TableStorage(TableStorage.CreateServiceClient(options), Options.Create(options));
await storage.EnsureTablesAsync(CancellationToken.None);
var rawTable = storage.Service.GetTableClient(options.TablePrefix + "raw");
await rawTable.CreateIfNotExistsAsync();

try
{
    Console.WriteLine($"Azurite: {(azurite is null ? endpoint : $"started by the bench, in memory, port {azurite.Port}")}; " +
        $"{workers} workers, {seconds} s per measurement, {Environment.ProcessorCount} cores");
    await RawInserts.RunAsync(rawTable, workers, TimeSpan.FromSeconds(2)); // warm-up: JIT, connections
    var raw = await RawInserts.RunAsync(rawTable, workers, duration);
    var batches = await RawBatches.RunAsync(rawTable, workers, duration);
    var store = new TableRecoveryStore(storage);
    var ids = await GapReports.SeedAsync(store, recoveries);
    var reports = await GapReports.RunAsync(store, ids, workers, duration);

    Console.WriteLine();
    Console.WriteLine("| measure | operations | seconds | per second |");
    Console.WriteLine("|---|---:|---:|---:|");
    Row($"raw `AddEntity` inserts, fresh table", raw.Operations, raw.Seconds);
    Row("raw 3-entity transactions (no read, no version check)", batches.Operations, batches.Seconds);
    Row($"gap reports via `RecoveryService` (one insert each, {recoveries} recoveries)", reports.Operations, reports.Seconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ratio gap reports / raw inserts | | | {reports.Rate / raw.Rate:0.00} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ratio gap reports / raw 3-entity transactions | | | {reports.Rate / batches.Rate:0.00} |"));
    Console.WriteLine();
    Console.WriteLine($"Gap reports retried after a version conflict: {reports.Conflicts}.");
}
finally
{
    await rawTable.DeleteAsync();
    foreach (var name in storage.Names.All) await storage.Service.DeleteTableAsync(name);
}

static void Row(string what, long operations, double seconds) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {operations} | {seconds:0.0} | {operations / seconds:0} |"));

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
