using System.Net.Http;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack;
using RecoveryBot.Slack.Api;
using RecoveryBot.Teams;
using RecoveryBot.Teams.Connector;

namespace RecoveryBot.Host.Scheduling;

/// <summary>Scheduled posts to a Teams conversation, through the stored conversation reference.</summary>
internal sealed class TeamsChannelPoster(TeamsPoster poster) : IChannelPoster
{
    public string Platform => "teams";

    public async Task<PostResult> PostAsync(Recovery recovery, Reply reply, CancellationToken ct)
    {
        if (!TeamsPoster.CanPost(recovery.Address)) return new PostResult.Failed("no Teams conversation reference is stored for this recovery");
        try
        {
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

/// <summary>Scheduled posts to a Slack channel (the recovery's address is the channel id).</summary>
internal sealed class SlackChannelPoster(SlackPoster poster) : IChannelPoster
{
    public string Platform => "slack";

    public async Task<PostResult> PostAsync(Recovery recovery, Reply reply, CancellationToken ct)
    {
        var channel = recovery.Address ?? recovery.Channel.Conversation;
        try
        {
            return reply switch
            {
                Reply.Text t => new PostResult.Posted(await poster.PostTextAsync(recovery.Channel.Tenant, channel, t.Message, ct)),
                Reply.Card c => new PostResult.Posted(await poster.PostCardAsync(recovery.Channel.Tenant, channel, c.Doc, ct)),
                _ => new PostResult.Posted(null),
            };
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
