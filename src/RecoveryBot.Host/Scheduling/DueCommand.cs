using System.Globalization;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Host.Web;
using RecoveryBot.Storage;

namespace RecoveryBot.Host.Scheduling;

/// <summary>
/// <c>due --at &lt;ISO time&gt; [--dry-run]</c>: what the scheduler would post at that time, as one line per occurrence.
/// With <c>--dry-run</c> nothing is written; without it the occurrences are enqueued and posted, exactly as a tick at
/// that time would. Exit codes: 0 done, 1 a post failed, 2 bad arguments or configuration, 3 storage unavailable.
/// </summary>
public static class DueCommand
{
    public const string Verb = "due";

    public const string Usage = "Usage: due --at <ISO time, e.g. 2026-12-04T16:00+01:00; UTC without an offset> [--dry-run]";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration,
        Action<IServiceCollection>? addChannels = null, TextWriter? output = null, TextWriter? error = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        if (args.Contains("--help") || args.Contains("-h"))
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }
        if (!TryParse(args, out var at, out var dryRun, out var problem))
        {
            await error.WriteLineAsync($"{problem} {Usage}");
            return 2;
        }
        using var host = Build(configuration, at, addChannels);
        var provider = host.Services;
        if (StartupChecks.Report(provider, error)) return StartupChecks.ExitCode;
        try
        {
            var storage = provider.GetRequiredService<TableStorage>();
            var runner = provider.GetRequiredService<SchedulerRunner>();
            var printer = new DuePrinter(output);
            if (dryRun)
            {
                // A preview writes nothing: no tables are created and no link key is stored (it prints no links).
                if (await storage.CheckAsync(ct) is { IsReady: false } readiness)
                {
                    await error.WriteLineAsync("Storage is unavailable: " + readiness.Reason);
                    return 3;
                }
                // A preview of a time still ahead shows the posts as they will read then, not as a late catch-up.
                var posts = await runner.PreviewAsync(markLate: at <= TimeProvider.System.GetUtcNow(), ct);
                foreach (var post in posts) printer.Line(post, post.Occurrence.Late ? "late" : "due");
                await output.WriteLineAsync($"{posts.Count} occurrence(s) due at {at:O}; dry run, nothing was posted.");
                return 0;
            }
            await storage.EnsureTablesAsync(ct);
            await provider.GetRequiredService<LinkKeys>().GetAsync(ct);
            var report = await runner.RunOnceAsync(ct);
            printer.Report(report);
            await output.WriteLineAsync($"{report.Planned.Count} occurrence(s) due at {at:O}; {report.Sent.Count(s => s.Status == SendStatus.Posted)} posted.");
            return report.Sent.Any(s => s.Status is SendStatus.Failed) ? 1 : 0;
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync("Configuration error: " + string.Join("; ", ex.Failures));
            return 2;
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException
            or Core.App.StoreUnavailableException)
        {
            await error.WriteLineAsync("Storage is unavailable: " + ex.Message.Split('\n')[0]);
            return 3;
        }
    }

    internal static bool TryParse(string[] args, out DateTimeOffset at, out bool dryRun, out string problem)
    {
        at = default;
        dryRun = false;
        problem = "";
        string? when = null;
        for (var i = args.Length > 0 && args[0] == Verb ? 1 : 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dry-run": dryRun = true; break;
                case "--at" when i + 1 < args.Length: when = args[++i]; break;
                case "--at": problem = "--at needs a date and time."; return false;
                case var a when a.StartsWith("--at=", StringComparison.Ordinal): when = a[5..]; break;
                default: problem = $"Unknown argument '{args[i]}'."; return false;
            }
        }
        if (when is null) problem = "--at is required.";
        else if (!DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            problem = $"'{when}' is not an ISO date and time.";
        return problem.Length == 0;
    }

    // A host that is built but never started: the channel registrations get the environment and logging they expect,
    // and no background service (scheduler loop, table creation) runs.
    private static IHost Build(IConfiguration configuration, DateTimeOffset at, Action<IServiceCollection>? addChannels)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = configuration[HostDefaults.EnvironmentKey] ?? Environments.Production,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddConfiguration(configuration.GetSection("Logging")).SetMinimumLevel(LogLevel.Warning)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Everything, leases and "now" included, happens at the requested time.
        builder.Services.AddSingleton<TimeProvider>(new FixedTime(at));
        builder.Services.AddTableStorage(configuration);
        builder.Services.AddRecoveryBotCore(configuration);
        builder.Services.AddSchedulerRunner(configuration);
        addChannels?.Invoke(builder.Services);
        return builder.Build();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
