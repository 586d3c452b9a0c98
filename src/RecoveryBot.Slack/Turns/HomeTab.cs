using Microsoft.Extensions.Logging;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.Api;
using RecoveryBot.Slack.BlockKit;

namespace RecoveryBot.Slack.Turns;

/// <summary>
/// The App Home tab: the person's `mine` list (every recovery they are in), published with views.publish when they open
/// it and again after each click there, with the click's outcome on top. A click on the Home tab has no channel: it runs
/// as a click in the person's DM with the bot, so replies meant for them land in that DM.
/// </summary>
internal sealed class HomeTab(RecoveryService service, SlackApiClient api, UserDirectory users, ILogger<HomeTab> log)
{
    public const int MaxBlocks = 100;

    public async Task PublishAsync(string team, string user, Banner? banner, CancellationToken ct)
    {
        try
        {
            var name = await users.NameAsync(team, user, null, ct);
            // The Home tab is nobody's channel: `mine` there reads the person's recoveries from the people index.
            var turn = new Turn(new ChannelKey("slack", team, "home-" + user), new UserRef(user, name)) { Direct = true };
            var result = await service.HandleAsync(turn, new MineCommand(), ct);
            await api.PublishHomeAsync(team, user, Render(result, banner), ct);
        }
        catch (SlackApiException e)
        {
            log.LogWarning("views.publish failed: {Error}", e.Error);
        }
    }

    /// <summary>The channel of a Home-tab click: the person's DM with the bot (null when Slack cannot open it).</summary>
    public async Task<ReplyTarget?> DirectTargetAsync(string team, string user, string? trigger, CancellationToken ct)
    {
        try
        {
            var dm = await api.OpenConversationAsync(team, user, ct);
            return ReplyTarget.For(team, dm, user, trigger, ActorMode.Message);
        }
        catch (SlackApiException e)
        {
            log.LogWarning("conversations.open for a Home tab click failed: {Error}", e.Error);
            await PublishAsync(team, user, new Banner($"That click could not be handled just now ({e.Error}); nothing was changed. Please try again.", Tone.Attention), ct);
            return null;
        }
    }

    /// <summary>What a click did, in one line for the top of the Home tab.</summary>
    public static Banner BannerOf(TurnResult result)
    {
        var line = result.Lines.FirstOrDefault() ?? (result.Outcome is Outcome.Done ? "Done." : "Nothing was changed.");
        return new Banner(line, result.Outcome is Outcome.Done ? Tone.Good : Tone.Attention);
    }

    /// <summary>The banner, then each of the turn's posts (lines and card) as the Block Kit renderer draws them, divided.</summary>
    internal static HomeView Render(TurnResult result, Banner? banner)
    {
        var blocks = new List<Block>();
        if (banner is not null)
        {
            var mark = banner.Tone switch { Tone.Good => "✅ ", Tone.Attention => "⚠️ ", _ => "" };
            blocks.AddRange(new BlockBuilder().Strong(mark + banner.Text).Divider().Build());
        }
        foreach (var post in ReplyGroups.Group(result.Replies).OfType<Outgoing.Post>())
        {
            if (blocks.Count > 0 && blocks[^1] is not DividerBlock) blocks.Add(new DividerBlock());
            blocks.AddRange(CardRenderer.Message(post.Lines, post.Card).Blocks ?? []);
        }
        if (blocks.Count <= MaxBlocks) return new HomeView(blocks);
        // Cut whole cards off the end rather than leave one without its buttons.
        var cut = blocks.Take(MaxBlocks - 1).ToList();
        while (cut.Count > 0 && cut[^1] is not DividerBlock) cut.RemoveAt(cut.Count - 1);
        cut.Add(new ContextBlock([TextObject.Plain("…more not shown here. Type `mine` in your DM with RecoveryBot for the rest.")]));
        return new HomeView(cut);
    }
}
