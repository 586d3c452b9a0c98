using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;

namespace StorageBench;

/// <summary>
/// The ceiling for anything transactional: one 3-entity entity-group transaction (the shape of a gap report:
/// counter row, gap, history event) with no read and no version check, each batch in its own partition.
/// </summary>
internal static class RawBatches
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
                var partition = $"{run}-{w}-{n.ToString("D10", CultureInfo.InvariantCulture)}";
                TableTransactionAction Add(string row) => new(TableTransactionActionType.Add,
                    new TableEntity(partition, row) { ["Title"] = "Export drops umlauts", ["Payload"] = Payload, ["Revision"] = 1 });
                await table.SubmitTransactionAsync([Add("recovery"), Add("g|0000000001"), Add("h|0000000001|1")]);
                n++;
            }
            return n;
        })));
        return new Measurement(counts.Sum(), clock.Elapsed.TotalSeconds);
    }
}
