using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Slack.Tests;

/// <summary>The scheduler reaches Slack through the poster the adapter registers itself, once however often it is added.</summary>
public sealed class ChannelPosterRegistrationTests
{
    [Fact]
    public void AddSlackChannel_Twice_RegistersTheSlackPosterOnce()
    {
        var config = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddSlackChannel(config);
        services.AddSlackChannel(config);

        var poster = Assert.Single(services, d => d.ServiceType == typeof(IChannelPoster));
        Assert.Equal(typeof(SlackChannelPoster), poster.ImplementationType);
    }
}
