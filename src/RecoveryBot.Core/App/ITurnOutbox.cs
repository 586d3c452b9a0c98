using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>
/// A turn's posts to other people — channel posts, card updates, direct messages — that the adapter sends after the
/// turn's HTTP answer. They are written in the turn's own transaction, so a turn that changed something always has
/// its posts stored, whatever happens to the host afterwards. <paramref name="Host"/> is the host that sends them.
/// </summary>
public sealed record TurnPosts(string Host, IReadOnlyList<Reply> Replies)
{
    /// <summary>The replies of a turn that leave it for others (and so are kept): channel posts, updates, direct messages.</summary>
    public static IReadOnlyList<Reply> Outgoing(IReadOnlyList<Reply> replies) => [.. replies.Where(IsOutgoing)];

    /// <summary>
    /// Set when the posts are exactly a new item's announcement (<see cref="GapHandler.Announcement"/>): the store may
    /// keep only this reference on the item's own row, and a host that adopts the posts derives them again from it.
    /// </summary>
    public GapId? Announces { get; init; }

    public static bool IsOutgoing(Reply reply) => reply is Reply.Text { To: Audience.Channel } or Reply.Card { To: Audience.Channel }
        or Reply.UpdateCard or Reply.Direct;
}

/// <summary>
/// Posts stored and not all sent yet: the first <see cref="Sent"/> messages the adapter renders from
/// <see cref="Replies"/> are out (never more messages than replies, so <see cref="Sent"/> ≥ the count means all). <see cref="Carrier"/>
/// is the row that keeps them (the store's name for it), <see cref="Host"/> the host that sends them.
/// </summary>
public sealed record PendingPosts(RecoveryId Recovery, string Carrier, string Host, IReadOnlyList<Reply> Replies, int Sent = 0)
{
    /// <summary>The posts are this item's announcement; read back from the store, <see cref="Replies"/> is empty until derived again.</summary>
    public GapId? Announces { get; init; }

    public bool Done => Sent >= Replies.Count && (Announces is null || Replies.Count > 0);
}

/// <summary>
/// Where hosts keep the posts they owe. Each host has a heartbeat; before its first commit with posts in a recovery it
/// opens a lane there (a row naming host and recovery), so when its heartbeat stops another host can find every
/// recovery it owed posts in, adopt those posts and send them. Sending marks progress after each post: a host that dies
/// between a post and its mark leaves one post to be sent again (the documented duplicate window).
/// </summary>
public interface ITurnOutbox
{
    /// <summary>Makes sure this host's lane in the recovery is stored (a write the first time, memory after).</summary>
    Task OpenLaneAsync(string host, RecoveryId recovery, CancellationToken ct);

    /// <summary>Records that the first <paramref name="sent"/> posts are out; when all are, the carrier is cleared.</summary>
    Task MarkSentAsync(PendingPosts posts, int sent, CancellationToken ct);

    /// <summary>The recovery's posts <paramref name="host"/> still owes, oldest first.</summary>
    Task<IReadOnlyList<PendingPosts>> PendingAsync(RecoveryId recovery, string host, CancellationToken ct);

    /// <summary>Hands pending posts to another host (after its lane in the recovery is open).</summary>
    Task<PendingPosts> MoveAsync(PendingPosts posts, string host, CancellationToken ct);

    /// <summary>This host is alive until <paramref name="until"/>.</summary>
    Task BeatAsync(string host, DateTimeOffset until, CancellationToken ct);

    /// <summary>Hosts whose heartbeat ran out before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<string>> SilentHostsAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>Claims a silent host's posts for <paramref name="by"/> until <paramref name="until"/>; false if another host did first.</summary>
    Task<bool> AdoptAsync(string silent, string by, DateTimeOffset until, CancellationToken ct);

    /// <summary>The recoveries a host opened lanes in.</summary>
    Task<IReadOnlyList<RecoveryId>> LanesAsync(string host, CancellationToken ct);

    /// <summary>Forgets a host (its lanes and heartbeat), once nothing is pending under its name.</summary>
    Task ForgetAsync(string host, CancellationToken ct);
}

/// <summary>Section <c>Outbound</c>: how long a host's heartbeat holds, and how often hosts look for silent ones.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbound";

    /// <summary>A host silent for this long has its posts adopted by another (its heartbeat is renewed every <see cref="SweepEvery"/>).</summary>
    public TimeSpan HostLease { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(10);
}
