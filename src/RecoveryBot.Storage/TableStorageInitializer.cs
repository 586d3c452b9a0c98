using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecoveryBot.Storage;

/// <summary>
/// Creates the tables once storage answers. It runs in the background and keeps trying, so the host
/// starts (and /readyz reports why it is not ready) while storage is down.
/// </summary>
internal sealed class TableStorageInitializer(
    TableStorage storage, IOptions<StorageOptions> options, TimeProvider time, ILogger<TableStorageInitializer> log)
    : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.EnsureTablesOnStart) return;
        var pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await storage.EnsureTablesAsync(stoppingToken);
                log.LogInformation("Storage tables ready ({Prefix}*)", storage.Names.Prefix);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("Storage tables not created yet ({Reason}); retrying in {Pause}",
                    StorageFailures.Describe(ex), pause);
            }
            await Task.Delay(pause, time, stoppingToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
        }
    }
}
