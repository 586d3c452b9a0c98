using System.Net.Http;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.Api;

namespace RecoveryBot.Slack;

/// <summary>
/// Scheduled posts to a Slack channel (the recovery's address is the channel id). A personal post goes by direct
/// message (<c>conversations.open</c>, then <c>chat.postMessage</c>); when Slack refuses that for good, its channel
/// version goes out instead, once, and the lead is told in the next check-in.
/// </summary>
internal sealed class SlackChannelPoster(SlackPoster poster) : IChannelPoster
{
    public string Platform => "slack";

    public async Task<PostResult> PostAsync(Recovery recovery, Reply reply, CancellationToken ct)
    {
        var channel = recovery.Address ?? recovery.Channel.Conversation;
        try
        {
            if (reply is Reply.Direct direct)
            {
                string? refused;
                try
                {
                    var dm = await poster.OpenDirectMessageAsync(recovery.Channel.Tenant, direct.Person.Id, ct);
                    return new PostResult.Posted(await PostOneAsync(recovery, dm, direct.Personal, ct));
                }
                catch (SlackApiException ex) when (!ex.IsRateLimited && !ex.IsTransient && ex.Error != SlackApiException.NotInstalled)
                {
                    refused = ex.Error; // cannot_dm_bot, user_not_found, account_inactive, …: this person cannot get a DM
                }
                return new PostResult.Posted(await PostOneAsync(recovery, channel, direct.Fallback, ct),
                    Notice: ScheduledTexts.Unreachable(direct.Person, refused));
            }
            return new PostResult.Posted(await PostOneAsync(recovery, channel, reply, ct));
        }
        catch (SlackApiException ex) when (ex.IsRateLimited || ex.IsTransient)
        {
            return new PostResult.RetryLater(ex.RetryAfter ?? TimeSpan.FromSeconds(30), ex.Error);
        }
        catch (SlackApiException ex)
        {
            return new PostResult.Failed($"Slack refused the post ({ex.Error})");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new PostResult.RetryLater(TimeSpan.FromMinutes(1), ex.GetType().Name);
        }
    }

    private async Task<string?> PostOneAsync(Recovery recovery, string channel, Reply? reply, CancellationToken ct) => reply switch
    {
        Reply.Text t => await poster.PostTextAsync(recovery.Channel.Tenant, channel, t.Message, ct),
        Reply.Card c => await poster.PostCardAsync(recovery.Channel.Tenant, channel, c.Doc, ct),
        _ => null,
    };
}
