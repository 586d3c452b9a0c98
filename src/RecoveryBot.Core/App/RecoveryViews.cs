using System.Globalization;
using System.Text;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>The recovery-level views, as text lines: its own history, and every recovery of the channel.</summary>
internal static class RecoveryViews
{
    public const int MaxHistory = 20;
    public const int MaxListed = 20;

    public static async Task HistoryAsync(TurnContext ctx, CancellationToken ct)
    {
        var r = ctx.R;
        var events = await ctx.Store.GetHistoryAsync(r.Id, null, MaxHistory, ct);
        var text = new StringBuilder($"History of \"{r.Name}\", newest first (times in {r.TimeZone}):");
        foreach (var e in events) text.Append('\n').Append(Line(e, ctx.Zone));
        if (events.Count == 0) text.Append("\nNothing recorded yet.");
        if (events.Count == MaxHistory) text.Append(CultureInfo.InvariantCulture, $"\nOnly the newest {MaxHistory} are shown.");
        ctx.Say(text.ToString());
    }

    /// <summary>"Mon 30 Nov 2026 09:00 — Lena Ortiz: approver none → Dana Ruiz (note)".</summary>
    public static string Line(HistoryEvent e, TimeZoneInfo zone)
    {
        var change = (e.From, e.To) switch
        {
            (null, null) => "",
            (null, { } to) => " " + to,
            ({ } from, null) => $" {from} → (none)",
            ({ } from, { } to) => $" {from} → {to}",
        };
        return $"{Fmt.When(e.At, zone)} — {e.Actor.Name}: {e.What}{change}{(e.Note is null ? "" : $" ({e.Note})")}";
    }

    public static async Task RecoveriesAsync(TurnContext ctx, CancellationToken ct)
    {
        var channel = ctx.Turn.Channel;
        var anchor = await ctx.Store.GetRecoveryAsync(channel.RecoveryId, ct);
        var latest = anchor?.Latest ?? 0;
        var text = new StringBuilder($"Recoveries in this channel ({latest + 1}), oldest first:");
        if (latest + 1 > MaxListed) text.Append(CultureInfo.InvariantCulture, $" The newest {MaxListed} are shown.");
        for (var generation = Math.Max(0, latest + 1 - MaxListed); generation <= latest; generation++)
        {
            var r = generation == 0 ? anchor : await ctx.Store.GetRecoveryAsync(RecoveryId.For(channel, generation), ct);
            if (r is null || r.Channel != channel) continue;
            text.Append('\n').Append(generation + 1).Append(". ").Append(await DescribeAsync(ctx, r, ct));
            if (r.Id == ctx.R.Id) text.Append(" (current)");
        }
        ctx.Say(text.ToString());
    }

    private static async Task<string> DescribeAsync(TurnContext ctx, Recovery r, CancellationToken ct)
    {
        var zone = r.Zone;
        var started = Fmt.Date(zone.Today(r.StartedAt));
        if (r.ClosedAt is not { } closed)
        {
            return $"\"{r.Name}\" — {r.Phase.Text()}, led by {r.Lead.Name}, started {started} — summary: {ctx.Links.SummaryUrl(r)}";
        }
        var followUps = (await ctx.Store.ListGapsAsync(r.Id, ct)).Count(g => Closure.IsFollowUp(r, g));
        return $"\"{r.Name}\" — closed {Fmt.Date(zone.Today(closed))} (started {started}), {followUps} follow-up item(s) — summary: {ctx.Links.SummaryUrl(r)}";
    }
}
