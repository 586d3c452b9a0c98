using System.Globalization;
using Azure.Data.Tables;
using StorageBench;

namespace LoadKit;

/// <summary>Azurite's ceiling for this run: StorageBench's raw single-entity inserts (32 workers, after a 2 s warm-up), then its raw 3-entity transactions.</summary>
internal static class RawInsertRate
{
    public static async Task<int> RunAsync(Args args)
    {
        var service = new TableServiceClient(args["connection"]);
        var table = service.GetTableClient(args.Get("table", "benchraw" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))));
        await table.CreateIfNotExistsAsync();
        try
        {
            var workers = args.Int("workers", 32);
            await RawInserts.RunAsync(table, workers, TimeSpan.FromSeconds(2));
            var duration = TimeSpan.FromSeconds(args.Int("seconds", 20));
            var m = await RawInserts.RunAsync(table, workers, duration);
            // What a gap report writes is one 3-entity transaction (recovery row, gap, history event): its raw rate explains the gap ratio.
            var b = args.Get("batches", "yes") == "yes" ? await RawBatches.RunAsync(table, workers, duration) : new Measurement(0, 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $$"""{"operations":{{m.Operations}},"seconds":{{m.Seconds:0.000}},"rate":{{m.Rate:0.0}},"workers":{{workers}},"batchOperations":{{b.Operations}},"batchRate":{{b.Rate:0.0}}}"""));
            return 0;
        }
        finally
        {
            await table.DeleteAsync();
        }
    }
}
