using System.Web;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Host.Tests.Summary;
using RecoveryBot.Host.Web;
using RecoveryBot.Storage;

namespace RecoveryBot.Host.Tests.Web;

public sealed class SummaryLinksTests
{
    private readonly FakeTimeProvider _time = new(SampleData.Now);
    private readonly SummaryLinks _links;

    public SummaryLinksTests()
    {
        var web = Options.Create(new WebOptions { PublicBaseUrl = "https://bot.example.com/", LinkKey = Convert.ToBase64String(new byte[32]) });
        // A configured key never touches storage; the client is only constructed.
        var storage = new TableStorage(new TableServiceClient("UseDevelopmentStorage=true"), Options.Create(new StorageOptions()));
        _links = new SummaryLinks(new LinkKeys(web, storage, NullLogger<LinkKeys>.Instance), web, _time);
    }

    private static string Sig(string url) => HttpUtility.ParseQueryString(new Uri(url).Query)["sig"]!;

    [Fact]
    public void Verify_FreshLink_Accepted()
    {
        var r = SampleData.Recovery();
        var url = _links.SummaryUrl(r);
        Assert.StartsWith($"https://bot.example.com/recoveries/{r.Id}/summary?sig=", url, StringComparison.Ordinal);
        Assert.True(_links.Verify(r, Sig(url)));
    }

    [Fact]
    public void Verify_Tampered_Rejected()
    {
        var r = SampleData.Recovery();
        var sig = Sig(_links.SummaryUrl(r));
        var tampered = sig[..^1] + (sig[^1] == 'A' ? 'B' : 'A');
        Assert.False(_links.Verify(r, tampered));
        var longer = (long.Parse(sig.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture) + 1000) + "." + sig.Split('.')[1];
        Assert.False(_links.Verify(r, longer));
        Assert.False(_links.Verify(r, ""));
        Assert.False(_links.Verify(r, "garbage"));
    }

    [Fact]
    public void Verify_OtherRecovery_Rejected()
    {
        var sig = Sig(_links.SummaryUrl(SampleData.Recovery()));
        var other = SampleData.Recovery() with { Id = new RecoveryBot.Core.Model.ChannelKey("slack", "T2", "C1").RecoveryId };
        Assert.False(_links.Verify(other, sig));
    }

    [Fact]
    public void Verify_Expired_Rejected()
    {
        var r = SampleData.Recovery();
        var sig = Sig(_links.SummaryUrl(r));
        _time.Advance(TimeSpan.FromDays(31));
        Assert.False(_links.Verify(r, sig));
    }

    [Fact]
    public void Verify_AfterRotate_OldRejectedNewAccepted()
    {
        var r = SampleData.Recovery();
        var old = Sig(_links.SummaryUrl(r));
        var rotated = r with { LinkGeneration = r.LinkGeneration + 1 };
        Assert.False(_links.Verify(rotated, old));
        Assert.True(_links.Verify(rotated, Sig(_links.SummaryUrl(rotated))));
    }
}
