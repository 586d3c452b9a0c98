using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Host.Tests.Hosting;

/// <summary>The composed host with storage unreachable: it starts, says why it is not ready, and refuses nothing silently.</summary>
public sealed class HostStartupTests : IClassFixture<HostStartupTests.DownStorageFactory>
{
    private readonly DownStorageFactory _factory;

    public HostStartupTests(DownStorageFactory factory) => _factory = factory;

    public sealed class DownStorageFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Port 9 (discard) on loopback: nothing listens there, so storage is down from the start.
            builder.UseSetting("Storage:ConnectionString",
                "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;");
            builder.UseSetting("Storage:MaxRetries", "0");
            builder.UseSetting("Scheduler:Enabled", "false");
            builder.UseSetting("Teams:Authentication", "None");
            builder.UseEnvironment("Development");
        }
    }

    [Fact]
    public async Task Healthz_StorageDown_ProcessIsUp()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_StorageDown_NotReadyWithReason()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        // Only what is down: no host name, port, table name or SDK message reaches the caller.
        Assert.Equal("not ready: storage", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Services_ComposeBothChannelPostersAndTheScheduleIndex()
    {
        var services = _factory.Services;
        Assert.NotNull(services.GetRequiredService<RecoveryService>());
        Assert.NotNull(services.GetRequiredService<IScheduleIndex>());
        var platforms = services.GetServices<IChannelPoster>().Select(p => p.Platform).Order().ToList();
        Assert.Equal(["slack", "teams"], platforms);
        // Slack event ids are claimed in Table Storage, so a retry to another host is recognised.
        Assert.IsType<RecoveryBot.Storage.TableDeliveryClaims>(services.GetRequiredService<IDeliveryClaims>());
    }

    [Fact]
    public async Task Summary_StorageDown_ServiceUnavailableNotACrash()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/recoveries/r0123456789abcdef01234567/summary?sig=1.x", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("Storage is unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_MalformedId_ForbiddenWithoutStorage()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/recoveries/..%2F..%2Fetc/summary?sig=1.x", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
