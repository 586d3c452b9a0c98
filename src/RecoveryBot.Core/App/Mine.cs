using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>
/// `mine`: the person's items with their buttons. In a channel, that channel's recovery; in a direct message (and on
/// Slack's App Home), every recovery the people index knows them in, read within fixed caps.
/// </summary>
internal static class Mine
{
    /// <summary>Recovery rows read from the people index (closed ones and ones where nothing waits are skipped).</summary>
    public const int MaxCandidates = 50;

    /// <summary>Recoveries whose items are read and shown.</summary>
    public const int MaxRecoveries = 10;

    /// <summary>Items shown in all; a card stays short enough for both platforms' limits.</summary>
    public const int MaxItems = 25;

    public static async Task InChannelAsync(TurnContext ctx, CancellationToken ct)
    {
        var r = ctx.R;
        if (r.Phase == RecoveryPhase.Closed)
        {
            ctx.Say(MineDocs.Nothing(across: false), Audience.Actor);
            return;
        }
        var group = MineGroup.Of(r, ctx.Actor, await ctx.Store.ListGapsAsync(r.Id, ct), await ctx.Store.ListChangeRequestsAsync(r.Id, ct));
        if (group.Count == 0)
        {
            ctx.Say(MineDocs.Nothing(across: false), Audience.Actor);
            return;
        }
        var shown = group.Take(MaxItems);
        ctx.Show(MineDocs.Group(shown, ctx.Actor, ctx.Today), Audience.Actor);
        if (MineDocs.More(group.Count - shown.Count, 0) is { } more) ctx.Say(more, Audience.Actor);
    }

    public static async Task<TurnResult> AcrossAsync(IRecoveryStore store, IPeopleIndex people, Turn turn, DateTimeOffset now, CancellationToken ct)
    {
        var ids = await people.RecoveriesOfAsync(PersonKey.Of(turn.Channel, turn.Actor), ct);
        var groups = new List<MineGroup>();
        var unread = Math.Max(0, ids.Count - MaxCandidates);
        foreach (var (id, i) in ids.Take(MaxCandidates).Select((id, i) => (id, i)))
        {
            if (groups.Count == MaxRecoveries)
            {
                unread += Math.Min(ids.Count, MaxCandidates) - i;
                break;
            }
            // The same platform and tenant only, like every direct-message route.
            if (await store.GetRecoveryAsync(id, ct) is not { Phase: not RecoveryPhase.Closed } r
                || r.Channel.Platform != turn.Channel.Platform || r.Channel.Tenant != turn.Channel.Tenant) continue;
            var group = MineGroup.Of(r, turn.Actor, await store.ListGapsAsync(r.Id, ct), await store.ListChangeRequestsAsync(r.Id, ct));
            if (group.Count > 0) groups.Add(group);
        }
        if (groups.Count == 0)
        {
            return TurnResult.Say(unread > 0 ? $"{MineDocs.Nothing(across: true)} {MineDocs.More(0, unread)}" : MineDocs.Nothing(across: true));
        }
        var replies = new List<Reply> { new Reply.Text(MineDocs.Heading(groups.Sum(g => g.Count), groups.Count)) };
        var left = MaxItems;
        var cut = 0;
        foreach (var group in groups)
        {
            var shown = group.Take(left);
            cut += group.Count - shown.Count;
            left -= shown.Count;
            if (shown.Count > 0) replies.Add(new Reply.Card(MineDocs.Group(shown, turn.Actor, group.Recovery.Zone.Today(now)), Audience.Actor));
        }
        if (MineDocs.More(cut, unread) is { } more) replies.Add(new Reply.Text(more));
        return new TurnResult(replies, [], Outcome.ReadOnly);
    }
}
