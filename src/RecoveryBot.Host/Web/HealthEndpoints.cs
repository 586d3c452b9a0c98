using RecoveryBot.Storage;

namespace RecoveryBot.Host.Web;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", async (TableStorage storage, LinkKeys keys, ILoggerFactory logs, CancellationToken ct) =>
        {
            var ready = await storage.CheckAsync(ct);
            if (ready.IsReady) await keys.GetAsync(ct);
            if (ready.IsReady) return Results.Text("ready");
            // The storage's own words (hosts, table names, SDK errors) stay in the log; callers learn only what is down.
            logs.CreateLogger("RecoveryBot.Readiness").LogWarning("Not ready: {Reason}", ready.Reason);
            return Results.Text("not ready: storage", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
