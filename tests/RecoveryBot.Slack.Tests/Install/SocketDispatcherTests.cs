using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RecoveryBot.Slack.SocketMode;
using RecoveryBot.Slack.Tests.Fakes;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Tests.Install;

/// <summary>Socket Mode envelopes run through the HTTP endpoints and are acked by envelope_id, with the answer as payload.</summary>
public sealed class SocketDispatcherTests : IAsyncLifetime
{
    private FakeSlackApi _api = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        // No signing secret: the HTTP endpoints are off, and envelopes (authenticated by the connection) still run.
        _host = await SlackTestHost.StartAsync(new InMemoryRecoveryStore(), _api.BaseUrl, secret: null,
            settings: new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-test-token", ["Slack:AppToken"] = "xapp-1-A0-1-test" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
    }

    private static SocketEnvelope Envelope(string id, string type, string payload) =>
        new(type, id, JsonDocument.Parse(payload).RootElement, type != "events_api", 0, "", null, null);

    private async Task<JsonElement> AckAsync(SocketEnvelope envelope) =>
        JsonDocument.Parse((await _host.Services.GetRequiredService<SocketDispatcher>().HandleAsync(envelope, default))!).RootElement;

    [Fact]
    public async Task SlashCommand_AckedWithTheEphemeralAnswerAsPayload()
    {
        var ack = await AckAsync(Envelope("env-1", "slash_commands",
            """{"team_id":"T0RECOV","channel_id":"C0PILOT","user_id":"U0LEAD","user_name":"lead","command":"/recovery","text":"help","trigger_id":"1.2.3"}"""));

        Assert.Equal("env-1", ack.GetProperty("envelope_id").GetString());
        Assert.Equal("ephemeral", ack.GetProperty("payload").GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task Event_AckedByIdOnly_AndARedeliveryIsNotRunAgain()
    {
        const string started = """{"type":"event_callback","team_id":"T0RECOV","event_id":"Ev1","event":{"type":"app_mention","user":"U0LEAD","channel":"C0PILOT","text":"<@UBOT> start Pilot","ts":"1.1"},"authorizations":[{"team_id":"T0RECOV","user_id":"UBOT","is_bot":true}]}""";
        var ack = await AckAsync(Envelope("env-2", "events_api", started));
        var again = await AckAsync(Envelope("env-2", "events_api", started));

        Assert.Equal("""{"envelope_id":"env-2"}""", ack.GetRawText());
        Assert.Equal("""{"envelope_id":"env-2"}""", again.GetRawText());
        await _api.WaitFor(c => c.Any(x => x.Method == "chat.postMessage"));
        await Task.Delay(300);
        Assert.Single(_api.Calls, c => c.Method == "chat.postMessage" && c.Body.Contains("started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrokenPayloadOrUnknownType_StillAcked()
    {
        Assert.Equal("env-3", (await AckAsync(Envelope("env-3", "slash_commands", """{"text":"help"}"""))).GetProperty("envelope_id").GetString());
        Assert.Equal("env-4", (await AckAsync(Envelope("env-4", "something_new", "{}"))).GetProperty("envelope_id").GetString());
    }

    [Fact]
    public async Task OverHttp_WithoutSigningSecret_StillNotFound()
    {
        using var response = await _host.CommandAsync("help");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
