using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.App;

/// <summary>
/// The hand-over of posts between hosts, over <see cref="ITurnOutbox"/>: each round renews this host's heartbeat, then
/// adopts what silent hosts still owed — in every recovery they opened a lane in, their pending posts are moved to this
/// host (its own lane opened first, so a second failure is handed over again) and queued here, oldest first. Only one
/// host adopts a silent one; a host that stops cleanly ends its heartbeat so the hand-over starts at once.
/// </summary>
public sealed class PostHandover(ITurnOutbox outbox, TimeProvider time, IRecoveryStore? store = null)
{
    /// <summary>One round; returns the number of post batches adopted. <paramref name="send"/> queues a batch on this host.</summary>
    public async Task<int> RoundAsync(string me, TimeSpan lease, Func<PendingPosts, CancellationToken, Task> send, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await outbox.BeatAsync(me, now + lease, ct);
        var adopted = 0;
        foreach (var silent in await outbox.SilentHostsAsync(now, ct))
        {
            if (silent == me || !await outbox.AdoptAsync(silent, me, now + lease, ct)) continue;
            foreach (var recovery in await outbox.LanesAsync(silent, ct))
            {
                var pending = await outbox.PendingAsync(recovery, silent, ct);
                if (pending.Count == 0) continue;
                await outbox.OpenLaneAsync(me, recovery, ct);
                foreach (var posts in pending)
                {
                    var moved = await outbox.MoveAsync(posts, me, ct);
                    if (await DeriveAsync(moved, ct) is not { } ready)
                    {
                        // The item is gone (or no store to read it from): nothing can be announced.
                        await outbox.MarkSentAsync(moved with { Announces = null }, int.MaxValue, ct);
                        continue;
                    }
                    await send(ready, ct);
                    adopted++;
                }
            }
            await outbox.ForgetAsync(silent, ct);
        }
        return adopted;
    }

    /// <summary>An announcement kept as a reference is derived again from the item as it is now; null when the item is gone.</summary>
    public async Task<PendingPosts?> DeriveAsync(PendingPosts posts, CancellationToken ct)
    {
        if (posts.Announces is not { } id || posts.Replies.Count > 0) return posts;
        if (store is null || await store.GetRecoveryAsync(posts.Recovery, ct) is not { } r || await store.GetGapAsync(r.Id, id, ct) is not { } gap) return null;
        return posts with { Replies = GapHandler.Announcement(r, gap, r.Zone.Today(time.GetUtcNow())) };
    }

    /// <summary>Posts that can never be sent (their recovery is gone) are marked as sent, so nobody adopts them again.</summary>
    public Task DropAsync(PendingPosts posts, CancellationToken ct) => outbox.MarkSentAsync(posts, posts.Replies.Count, ct);

    /// <summary>A clean stop: the heartbeat ends now, so another host adopts what this one could not send.</summary>
    public Task EndAsync(string me, CancellationToken ct) => outbox.BeatAsync(me, time.GetUtcNow(), ct);
}
