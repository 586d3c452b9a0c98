using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Outbound;

/// <summary>
/// One message to send after the HTTP request was acknowledged, with the workspace (<see cref="Team"/>) whose token
/// sends it. <see cref="Lane"/> is the pacing lane.
/// </summary>
internal abstract record OutboundItem(string Team, string Channel)
{
    public string Lane => Team + "/" + Channel;

    /// <summary>chat.postMessage and chat.update share Slack's ~1 message/second/channel limit; the rest is not paced.</summary>
    public virtual bool Paced => false;

    /// <summary>A channel post; <see cref="Posted"/> gets the new message's ts (to remember an approval card).</summary>
    public sealed record Post(string Team, string Channel, SlackMessage Message, Func<string, CancellationToken, Task>? Posted = null) : OutboundItem(Team, Channel)
    {
        public override bool Paced => true;
    }

    public sealed record Update(string Team, string Channel, string Ts, SlackMessage Message) : OutboundItem(Team, Channel)
    {
        public override bool Paced => true;
    }

    public sealed record Ephemeral(string Team, string Channel, string User, SlackMessage Message) : OutboundItem(Team, Channel);

    /// <summary>
    /// A direct message to <see cref="User"/> (conversations.open, then chat.postMessage); <see cref="Posted"/> gets the
    /// DM's channel and the new message's ts. When Slack refuses the DM for good, <see cref="Fallback"/> (if any) goes to
    /// <see cref="FallbackChannel"/> instead.
    /// </summary>
    public sealed record Direct(string Team, string User, SlackMessage Message, string FallbackChannel, SlackMessage? Fallback = null,
        Func<string, string, CancellationToken, Task>? Posted = null) : OutboundItem(Team, "@" + User)
    {
        public override bool Paced => true;
    }

    /// <summary>
    /// A turn's posts to others as stored with its changes, for the recovery of channel <see cref="Key"/>: rendered when
    /// they are sent, each message marked as sent in the store after it went out (<see cref="Core.App.ITurnOutbox.MarkSentAsync"/>).
    /// </summary>
    public sealed record Kept(string Team, string Channel, Core.Model.ChannelKey Key, Core.App.PendingPosts Posts) : OutboundItem(Team, Channel)
    {
        public override bool Paced => true;
    }

    public sealed record Respond(string Team, string Channel, Uri ResponseUrl, CommandResponse Response) : OutboundItem(Team, Channel);
}

/// <summary>
/// The outbound queue of this host. Posts to others are stored before they are queued (<see cref="OutboundItem.Kept"/>):
/// if this host stops, another adopts and sends them. What only waits here are answers to the acting person
/// (ephemeral messages, response_url replies), which a person who gets none simply asks again.
/// </summary>
internal sealed class OutboundQueue(ILogger<OutboundQueue> log)
{
    public const int Capacity = 10_000;

    private readonly Channel<OutboundItem> _items = System.Threading.Channels.Channel.CreateBounded<OutboundItem>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<OutboundItem> Reader => _items.Reader;

    public void Enqueue(OutboundItem item)
    {
        if (!_items.Writer.TryWrite(item)) log.LogError("Slack outbound queue is full ({Capacity}); a message to {Channel} was dropped", Capacity, item.Channel);
    }
}
