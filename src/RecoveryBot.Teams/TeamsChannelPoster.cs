using System.Net.Http;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Connector;

namespace RecoveryBot.Teams;

/// <summary>
/// Scheduled posts to a Teams conversation, through the stored conversation reference; personal posts go to the
/// person's 1:1 chat with the bot.
/// </summary>
internal sealed class TeamsChannelPoster(TeamsPoster poster) : IChannelPoster
{
    public string Platform => "teams";

    public async Task<PostResult> PostAsync(Recovery recovery, Reply reply, CancellationToken ct)
    {
        if (!TeamsPoster.CanPost(recovery.Address)) return new PostResult.Failed("no Teams conversation reference is stored for this recovery");
        try
        {
            if (reply is Reply.Direct direct)
            {
                // The person's 1:1 chat (created through the channel's Connector when there is none); when Teams
                // refuses it for good (403: the app is not installed for them, 404: no such user), the channel
                // version goes out instead, once, and the lead reads why in the next check-in.
                try
                {
                    var sent = await poster.PostDirectAsync(recovery.Address!, direct, ct);
                    return new PostResult.Posted(sent.Count > 0 ? sent[0] : null);
                }
                catch (ConnectorException ex) when (ex.IsPermanent)
                {
                    var posted = direct.Fallback is { } fallback ? await poster.PostAsync(recovery.Address!, [fallback], ct) : [];
                    return new PostResult.Posted(posted.Count > 0 ? posted[0] : null,
                        Notice: ScheduledTexts.Unreachable(direct.Person, $"{(int)ex.Status} {ex.Code}".TrimEnd()));
                }
            }
            var ids = await poster.PostAsync(recovery.Address!, [reply], ct);
            return new PostResult.Posted(ids.Count > 0 ? ids[0] : null);
        }
        catch (ConnectorException ex) when (ex.IsPermanent)
        {
            return new PostResult.Failed($"Teams refused the post ({(int)ex.Status} {ex.Code})");
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new PostResult.RetryLater(TimeSpan.FromMinutes(1), ex.GetType().Name);
        }
    }
}
