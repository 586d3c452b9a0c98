using System.Text;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Host.Web;

namespace RecoveryBot.Host.Summary;

/// <summary>The read-only summary page, CSV, iCalendar feed and drafted retrospective, behind signed links.</summary>
internal static class SummaryEndpoints
{
    public static IEndpointRouteBuilder MapSummary(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/recoveries/{id}").AddEndpointFilter(async (context, next) =>
        {
            // A signed link is a capability: never cached, never passed on as a referrer, never indexed.
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Robots-Tag"] = "noindex";
            return await next(context);
        });
        group.MapGet("/summary", (string id, string? sig, SummaryLoader loader, CancellationToken ct) =>
            loader.ServeAsync(id, sig, d => Results.Content(SummaryPage.Render(d), "text/html; charset=utf-8"), ct));
        group.MapGet("/gaps.csv", (string id, string? sig, SummaryLoader loader, CancellationToken ct) =>
            loader.ServeAsync(id, sig, d => Results.File(Encoding.UTF8.GetBytes(GapCsv.Write(d.Gaps)), "text/csv; charset=utf-8", $"gap-log-{d.Today:yyyy-MM-dd}.csv"), ct));
        group.MapGet("/calendar.ics", (string id, string? sig, SummaryLoader loader, CancellationToken ct) =>
            loader.ServeAsync(id, sig, d => Results.Text(RecoveryCalendar.Write(d), "text/calendar; charset=utf-8"), ct));
        group.MapGet("/retro.md", (string id, string? sig, SummaryLoader loader, CancellationToken ct) =>
            loader.ServeAsync(id, sig, d => Results.Text(RetroDraft.Write(d), "text/markdown; charset=utf-8"), ct));
        return app;
    }
}

internal sealed class SummaryLoader(IRecoveryStore store, SummaryLinks links, LinkKeys keys, TimeProvider time)
{
    public async Task<IResult> ServeAsync(string id, string? sig, Func<SummaryData, IResult> render, CancellationToken ct)
    {
        // The same answer for an unknown recovery and a bad signature, so links cannot be probed for ids.
        var forbidden = Results.Text("This link is not valid (wrong, changed or expired). Ask the lead for a new one with `summary`.", statusCode: 403);
        if (!RecoveryId.TryParse(id, out var recoveryId) || string.IsNullOrEmpty(sig)) return forbidden;
        try
        {
            await keys.GetAsync(ct);
            var recovery = await store.GetRecoveryAsync(recoveryId, ct);
            if (recovery is null || !links.Verify(recovery, sig)) return forbidden;
            var gaps = await store.ListGapsAsync(recoveryId, ct);
            var changes = await store.ListChangeRequestsAsync(recoveryId, ct);
            var history = await store.ListHistoryAsync(recoveryId, ct);
            return render(new SummaryData(recovery, gaps, changes, time.GetUtcNow(), sig) { History = history });
        }
        catch (StoreUnavailableException)
        {
            return Results.Text("Storage is unavailable; please try again in a minute.", statusCode: 503);
        }
    }
}
