using System.Net;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>Nothing unsigned, stale, oversized or malformed reaches the Core; help needs no storage at all.</summary>
public sealed class EndpointSecurityTests : IAsyncLifetime
{
    private readonly Mock<IRecoveryStore> _store = new(MockBehavior.Strict);
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync(_store.Object);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> Endpoints() => new()
    {
        { "/slack/commands", Fixture.Text("slash-command.txt") },
        { "/slack/events", Fixture.Text("event-app-mention.json") },
        { "/slack/interactivity", Fixture.Interaction(Fixture.Text("block-actions.json")) },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_WrongSecret_401AndCoreUntouched(string path, string body)
    {
        using var response = await _host.PostAsync(path, body, secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        _store.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_StaleTimestamp_401(string path, string body)
    {
        var stale = (TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 301).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = await _host.PostAsync(path, body, timestamp: stale);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        _store.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_NoSignature_401(string path, string body)
    {
        using var response = await _host.PostAsync(path, body, secret: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Post_BodySignedThenTampered_401()
    {
        using var response = await _host.PostAsync("/slack/commands", Fixture.Text("slash-command.txt"), edit: r =>
            r.Content = new StringContent(Fixture.Text("slash-command.txt").Replace("U0LEAD", "U0EVIL", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Post_SslCheck_200WithNothingProcessed()
    {
        using var response = await _host.PostAsync("/slack/commands", "ssl_check=1&token=RbVerificationToken0001", secret: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Post_TooLarge_413()
    {
        using var response = await _host.PostAsync("/slack/commands", "text=" + new string('a', 200_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/slack/commands", "text=help")]
    [InlineData("/slack/events", "{not json")]
    [InlineData("/slack/interactivity", "payload=%7Bbroken")]
    [InlineData("/slack/interactivity", "nothing=here")]
    public async Task Post_SignedButMalformed_400WithOneLine(string path, string body)
    {
        using var response = await _host.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain('\n', text);
        Assert.NotEmpty(text);
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task UrlVerification_EchoesChallenge()
    {
        using var response = await _host.PostAsync("/slack/events", Fixture.Text("event-url-verification.json"), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"challenge":"Rb0ChallengeValue0001xYz"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SlashHelp_EphemeralUsageWithoutStorage()
    {
        using var response = await _host.CommandAsync("help");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", doc.RootElement.GetProperty("response_type").GetString());
        Assert.Contains("help assign", doc.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SlashUnknownCommand_SuggestsTheNearestOne()
    {
        using var response = await _host.CommandAsync("asign G-1");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("assign", body, StringComparison.Ordinal);
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task NoSigningSecret_EndpointsAnswer404()
    {
        await using var off = await SlackTestHost.StartAsync(_store.Object, secret: "");
        using var response = await off.CommandAsync("help");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
