using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.App;

/// <summary>
/// Which recovery a channel is on. The channel's first recovery keeps the id derived from the channel and, once
/// a later one starts, points at it (<see cref="Recovery.Latest"/>); a channel with one recovery costs one read.
/// </summary>
public static class ChannelRecoveries
{
    /// <param name="recent">Rows a little old will do (<see cref="IRecoveryStore.GetRecentRecoveryAsync"/>): only for gap reports.</param>
    public static async Task<(Recovery? Anchor, Recovery? Current)> ReadAsync(IRecoveryStore store, ChannelKey channel, CancellationToken ct, bool recent = false)
    {
        Task<Recovery?> Read(RecoveryId id) => recent ? store.GetRecentRecoveryAsync(id, ct) : store.GetRecoveryAsync(id, ct);
        var anchor = await Read(channel.RecoveryId);
        if (anchor is null || anchor.Channel != channel) return (null, null);
        if (anchor.Latest == 0) return (anchor, anchor);
        var current = await Read(RecoveryId.For(channel, anchor.Latest));
        return (anchor, current?.Channel == channel ? current : null);
    }
}
