using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.App;

/// <summary>
/// Which recovery a channel is on. The channel's first recovery keeps the id derived from the channel and, once
/// a later one starts, points at it (<see cref="Recovery.Latest"/>); a channel with one recovery costs one read.
/// </summary>
public static class ChannelRecoveries
{
    public static async Task<(Recovery? Anchor, Recovery? Current)> ReadAsync(IRecoveryStore store, ChannelKey channel, CancellationToken ct)
    {
        var anchor = await store.GetRecoveryAsync(channel.RecoveryId, ct);
        if (anchor is null || anchor.Channel != channel) return (null, null);
        if (anchor.Latest == 0) return (anchor, anchor);
        var current = await store.GetRecoveryAsync(RecoveryId.For(channel, anchor.Latest), ct);
        return (anchor, current?.Channel == channel ? current : null);
    }
}
