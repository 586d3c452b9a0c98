using RecoveryBot.Storage;

namespace RecoveryBot.Host.Web;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", async (TableStorage storage, LinkKeys keys, CancellationToken ct) =>
        {
            var ready = await storage.CheckAsync(ct);
            if (ready.IsReady) await keys.GetAsync(ct);
            return ready.IsReady
                ? Results.Text("ready")
                : Results.Text("not ready: " + ready.Reason, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
