using System.Net.Http;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack;
using RecoveryBot.Slack.Api;
using RecoveryBot.Teams;
using RecoveryBot.Teams.Connector;

namespace RecoveryBot.Host.Scheduling;

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

internal static class ChannelPosterRegistration
{
    public static IServiceCollection AddChannelPosters(this IServiceCollection services)
    {
        services.AddSingleton<IChannelPoster, TeamsChannelPoster>();
        services.AddSingleton<IChannelPoster, SlackChannelPoster>();
        return services;
    }
}
