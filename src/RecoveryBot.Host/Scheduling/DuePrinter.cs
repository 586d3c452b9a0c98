using System.Globalization;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Host.Scheduling;

/// <summary>One line per occurrence: recovery, key, local time and zone, platform, status, first line of the post.</summary>
internal sealed class DuePrinter(TextWriter output)
{
    public void Line(PlannedPost post, string status)
    {
        var r = post.Recovery;
        // A personal post in its recipient's own zone shows that zone's time and id.
        var zone = post.Occurrence.Zone ?? r.Zone;
        var local = zone.ToLocal(post.Occurrence.DueAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        output.WriteLine(string.Join(" | ", r.Name, post.Occurrence.Key, $"{local} {post.Occurrence.Zone?.Id ?? r.TimeZone}", r.Channel.Platform, status,
            post.Occurrence.FirstLine));
    }

    public void Report(TickReport report)
    {
        var sent = report.Sent.GroupBy(s => (s.Recovery, s.Key)).ToDictionary(g => g.Key, g => g.Last());
        foreach (var post in report.Planned)
        {
            var status = sent.Remove((post.Recovery.Id, post.Occurrence.Key), out var outcome)
                ? Describe(outcome)
                : post.Enqueued ? "enqueued" : "already enqueued";
            Line(post, status);
        }
        // Rows enqueued by an earlier tick (a retry, a host that stopped mid-send) and sent now.
        foreach (var outcome in sent.Values)
        {
            output.WriteLine(string.Join(" | ", outcome.Recovery, outcome.Key, "-", "-", Describe(outcome), "(enqueued earlier)"));
        }
    }

    private static string Describe(SendOutcome s) => s.Status switch
    {
        SendStatus.Posted => "posted",
        SendStatus.RetryLater => "retry later: " + s.Detail,
        SendStatus.Failed => "failed: " + s.Detail,
        SendStatus.Expired => "expired (too old to post)",
        SendStatus.NoPoster => "pending (no poster for this platform)",
        SendStatus.LeaseLost => "lease lost",
        _ => s.Status.ToString(),
    };
}
