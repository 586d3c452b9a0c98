using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;

namespace StorageBench;

/// <summary>The floor: single-entity inserts, no read, no transaction, no version check.</summary>
internal static class RawInserts
{
    private static readonly string Payload = new('x', 200);

    public static async Task<Measurement> RunAsync(TableClient table, int workers, TimeSpan duration)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            long n = 0;
            while (clock.Elapsed < duration)
            {
                var entity = new TableEntity($"{run}-{w}", n.ToString("D10", CultureInfo.InvariantCulture))
                {
                    ["Title"] = "Export drops umlauts",
                    ["Payload"] = Payload,
                    ["Revision"] = 1,
                };
                await table.AddEntityAsync(entity);
                n++;
            }
            return n;
        })));
        return new Measurement(counts.Sum(), clock.Elapsed.TotalSeconds);
    }
}
