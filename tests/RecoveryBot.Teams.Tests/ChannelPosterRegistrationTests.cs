using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Teams.Tests;

/// <summary>The scheduler reaches Teams through the poster the adapter registers itself, once however often it is added.</summary>
public sealed class ChannelPosterRegistrationTests
{
    [Fact]
    public void AddTeamsChannel_Twice_RegistersTheTeamsPosterOnce()
    {
        var config = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddTeamsChannel(config).AddTeamsChannel(config);

        var poster = Assert.Single(services, d => d.ServiceType == typeof(IChannelPoster));
        Assert.Equal(typeof(TeamsChannelPoster), poster.ImplementationType);
    }
}
