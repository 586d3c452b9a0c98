using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Host.Web;

namespace RecoveryBot.Host.Tests.Summary;

/// <summary>A signed summary link is a capability: none of its pages is cached, passed on as a referrer or indexed.</summary>
public sealed class SummaryHeadersTests : IClassFixture<SummaryHeadersTests.SummaryFactory>
{
    private readonly SummaryFactory _factory;

    public SummaryHeadersTests(SummaryFactory factory) => _factory = factory;

    public sealed class SummaryFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:ConnectionString",
                "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;");
            builder.UseSetting("Storage:MaxRetries", "0");
            builder.UseSetting("Scheduler:Enabled", "false");
            builder.UseSetting("Teams:Authentication", "None");
            builder.UseSetting("Web:LinkKey", Convert.ToBase64String(new byte[32]));
            builder.UseEnvironment("Development");
            builder.ConfigureTestServices(s => s.AddSingleton<IRecoveryStore>(new OneRecoveryStore()));
        }
    }

    [Theory]
    [InlineData("summary", "text/html")]
    [InlineData("gaps.csv", "text/csv")]
    [InlineData("calendar.ics", "text/calendar")]
    [InlineData("retro.md", "text/markdown")]
    public async Task Page_SignedLink_NotCachedNotReferredNotIndexed(string page, string type)
    {
        var response = await GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("noindex", Assert.Single(response.Headers.GetValues("X-Robots-Tag")));
    }

    [Fact]
    public async Task GapsCsv_IsSentAsAnAttachmentWithADatedName()
    {
        var response = await GetAsync("gaps.csv");

        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Matches(@"^gap-log-\d{4}-\d{2}-\d{2}\.csv$", disposition?.FileName ?? disposition?.FileNameStar);
    }

    [Fact]
    public async Task Page_BadSignature_ForbiddenWithTheSameHeaders()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri($"/recoveries/{OneRecoveryStore.Recovery.Id}/summary?sig=1.forged", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    private async Task<HttpResponseMessage> GetAsync(string page)
    {
        var client = _factory.CreateClient();
        var url = new Uri(_factory.Services.GetRequiredService<SummaryLinks>().Url(OneRecoveryStore.Recovery, page));
        return await client.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative));
    }

    /// <summary>One recovery with one gap; nothing is ever written.</summary>
    private sealed class OneRecoveryStore : IRecoveryStore
    {
        public static readonly Recovery Recovery = SampleData.Recovery() with { Version = "v1" };

        public Task<Recovery?> GetRecoveryAsync(RecoveryId id, CancellationToken ct) => Task.FromResult(id == Recovery.Id ? Recovery : null);

        public Task<Gap?> GetGapAsync(RecoveryId id, GapId gap, CancellationToken ct) => Task.FromResult<Gap?>(null);

        public Task<IReadOnlyList<Gap>> ListGapsAsync(RecoveryId id, CancellationToken ct) => Task.FromResult<IReadOnlyList<Gap>>([SampleData.Gap(1)]);

        public Task<ChangeRequest?> GetChangeRequestAsync(RecoveryId id, int number, CancellationToken ct) => Task.FromResult<ChangeRequest?>(null);

        public Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(RecoveryId id, CancellationToken ct) => Task.FromResult<IReadOnlyList<ChangeRequest>>([]);

        public Task<int> NextGapNumberAsync(RecoveryId id, int from, CancellationToken ct) => Task.FromResult(from);

        public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(RecoveryId id, GapId? gap, int max, CancellationToken ct) => Task.FromResult<IReadOnlyList<HistoryEvent>>([]);

        public Task<IReadOnlyList<HistoryEvent>> ListHistoryAsync(RecoveryId id, CancellationToken ct) => Task.FromResult<IReadOnlyList<HistoryEvent>>([]);

        public Task<CommitResult> CommitAsync(Changeset changes, CancellationToken ct) => throw new InvalidOperationException("The summary writes nothing.");
    }
}
