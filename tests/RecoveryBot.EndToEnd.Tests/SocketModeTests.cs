using System.Text.Json;
using RecoveryBot.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests;

/// <summary>
/// Socket Mode against the real host and a local WebSocket server speaking Slack's envelope protocol: commands and
/// clicks arrive as envelopes, are acked by envelope_id within 3 s and post what the HTTP endpoints post; a
/// disconnect and a dropped socket are reconnected and no envelope is lost.
/// </summary>
public sealed class SocketModeTests(AzuriteForHosts azurite, ITestOutputHelper output) : EndToEndTest(azurite, output)
{
    private const string Channel = "C0SOCKET";

    // The signing secret stays set, so the same host also answers over HTTP and the two ways can be compared.
    protected override IReadOnlyDictionary<string, string>? HostSettings => new Dictionary<string, string>
    {
        ["Slack__AppToken"] = FakeSocketMode.AppToken,
    };

    private FakeSocketMode Socket => Slack.Api.SocketMode;

    [Fact]
    public Task CommandsAndClicks_OverTheSocket_AckedInTimeAndPostLikeHttp() => Scenario(async () =>
    {
        await Socket.WaitForConnections(2);
        Assert.Contains(Slack.Api.Calls, c => c.Method == "apps.connections.open" && c.Authorization == "Bearer " + FakeSocketMode.AppToken);

        await CommandAsync(Lena, "start Quotes rollout", coldStart: true);
        await Slack.Api.WaitForPost("Recovery \"Quotes rollout\" started by Lena Ortiz");

        // The same report over HTTP and over the socket gives the same post.
        await Slack.CommandAsync(Mo, "gap Printer queue stuck", Channel);
        var overHttp = await Slack.Api.WaitForPost("G-1 logged by Mo Okafor: Printer queue stuck.");
        await CommandAsync(Mo, "gap Scanner queue stuck");
        var overSocket = await Slack.Api.WaitForPost("G-2 logged by Mo Okafor: Scanner queue stuck.");
        Assert.Equal(overHttp.Text.Replace("G-1", "G-2", StringComparison.Ordinal).Replace("Printer", "Scanner", StringComparison.Ordinal), overSocket.Text);
        Assert.Equal(overHttp.Authorization, overSocket.Authorization);

        // A private answer comes back as the ack's payload, as Slack expects for slash commands.
        var help = await CommandAsync(Lena, "help");
        Assert.Equal("ephemeral", help.Payload!.Value.GetProperty("response_type").GetString());
        Assert.Contains("gap", help.Payload.Value.GetProperty("text").GetString(), StringComparison.Ordinal);

        await CommandAsync(Lena, $"assign G-1 {Ana.Mention} +7d");
        await CommandAsync(Ana, "begin G-1");
        await CommandAsync(Ana, $"ready G-1 retest {Ravi.Mention} +2d");
        var card = await Slack.Api.WaitForPost("Does G-1 work in your normal day?");

        // Ravi clicks "Works" on the card: an interactive envelope.
        var button = card.Buttons.Single(b => b.GetProperty("action_id").GetString() == "works");
        var click = Socket.Send("interactive", Slack.ClickPayload(Ravi, card, button));
        Assert.True((await Socket.WaitForAck(click)).After < TimeSpan.FromSeconds(3));
        await Slack.Api.WaitForPost("G-1 verified by Ravi Patel");
        Assert.Equal("Verified", (await Slack.Stored.GapAsync(SlackWorkspace.Team, Channel, 1)).GetString("Status"));

        NoTokensIn(Slack.Host.Output);
    });

    [Fact]
    public Task DisconnectAndDroppedSockets_Reconnected_NoEnvelopeLost() => Scenario(async () =>
    {
        await Socket.WaitForConnections(2);
        await CommandAsync(Lena, "start Quotes rollout", coldStart: true);

        // Slack's refresh: a disconnect message; the host opens a new connection and the envelope goes through.
        await Socket.DisconnectAsync();
        await Socket.WaitForConnections(2, openedAtLeast: 3);
        await CommandAsync(Mo, "gap After the refresh");
        await Slack.Api.WaitForPost("G-1 logged by Mo Okafor: After the refresh.");

        // Both sockets cut: envelopes sent meanwhile wait, and arrive once the host has reconnected (with backoff).
        Socket.DropAll();
        var first = Socket.Send("slash_commands", Slack.SlashPayload(Mo, "gap While the sockets were down", Channel));
        var second = Socket.Send("slash_commands", Slack.SlashPayload(Mo, "gap Still down", Channel));
        await Socket.WaitForConnections(2, openedAtLeast: 5);
        await Socket.WaitForAck(first);
        await Socket.WaitForAck(second);
        await Slack.Api.WaitForPost("While the sockets were down.");
        await Slack.Api.WaitForPost("Still down.");
        Assert.Equal(3, (await Slack.Stored.GapsAsync(SlackWorkspace.Team, Channel)).Count);
        Assert.Contains("Socket Mode connection", Slack.Host.Output, StringComparison.Ordinal);
        NoTokensIn(Slack.Host.Output);
    });

    /// <summary>Sends <c>/recovery {text}</c> as a slash_commands envelope; its ack must come within Slack's 3 s (15 s when the host is cold).</summary>
    private async Task<SocketAckSeen> CommandAsync(Person user, string text, bool coldStart = false)
    {
        var id = Socket.Send("slash_commands", Slack.SlashPayload(user, text, Channel));
        var ack = await Socket.WaitForAck(id);
        Assert.True(ack.After < TimeSpan.FromSeconds(coldStart ? 15 : 3), $"`{text}` acked after {ack.After.TotalMilliseconds:0} ms");
        return ack;
    }

    private static void NoTokensIn(string log)
    {
        Assert.DoesNotContain(FakeSocketMode.AppToken, log, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackWorkspace.BotToken, log, StringComparison.Ordinal);
        Assert.DoesNotContain("ticket=", log, StringComparison.Ordinal);
    }
}
