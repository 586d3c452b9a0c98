using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Slack.Endpoints;
using RecoveryBot.Slack.Signing;
using RecoveryBot.Slack.Tests.Fakes;

namespace RecoveryBot.Slack.Tests;

/// <summary>A client that hangs up mid-request is logged at Debug without a stack; our own failures stay errors.</summary>
public sealed class ClientHangUpTests : IDisposable
{
    private readonly RecordingLoggerProvider _logs = new();

    public void Dispose() => _logs.Dispose();

    private Task<SlackTestHost> StartAsync(IRecoveryStore store) =>
        SlackTestHost.StartAsync(store, configure: s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(_logs)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BodyCutOff_DebugWithoutStack_NothingAtWarningOrAbove(bool reset)
    {
        await using var host = await StartAsync(new InMemoryRecoveryStore());
        var body = Encoding.UTF8.GetBytes("team_id=T0RECOV&channel_id=C0PILOT&user_id=U0LEAD&command=%2Frecovery&text=help");
        var ts = SlackTestHost.Now();
        var head = "POST /slack/commands HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"Content-Length: {body.Length + 500}\r\n{SlackSignature.TimestampHeader}: {ts}\r\n" +
            $"{SlackSignature.SignatureHeader}: {SlackSignature.Sign(SlackTestHost.Secret, ts, body)}\r\n\r\n";

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, host.Http.BaseAddress!.Port));
            await socket.SendAsync(Encoding.ASCII.GetBytes(head));
            await socket.SendAsync(body);
            await Task.Delay(500);  // the endpoint is now waiting for the rest of the body
            if (reset) socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }

        var entry = await _logs.WaitFor(r => r.Category == typeof(CommandEndpoint).FullName);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains("/slack/commands", entry.Message, StringComparison.Ordinal);
        using var after = await host.CommandAsync("help");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.DoesNotContain(_logs.Records, r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task CoreBug_StillAnErrorWithItsException()
    {
        var store = new Mock<IRecoveryStore>();
        store.Setup(s => s.GetRecoveryAsync(It.IsAny<RecoveryId>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("bug"));
        await using var host = await StartAsync(store.Object);

        using var response = await host.CommandAsync("log");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var entry = await _logs.WaitFor(r => r.Category == typeof(CommandEndpoint).FullName);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task Run_BadRequestFromKestrel_AnswersItsStatusAndLogsDebug()
    {
        using var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(_logs))
            .AddSingleton<Endpoint>().BuildServiceProvider();
        var run = SlackChannelExtensions.Run<Endpoint>(services, static (_, _) =>
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));
        var http = new DefaultHttpContext();

        await run(http);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, http.Response.StatusCode);
        Assert.Equal((LogLevel.Debug, null), (_logs.Records.Single().Level, _logs.Records.Single().Exception));
    }

    public static TheoryData<Exception, bool, bool> Failures() => new()
    {
        { new BadHttpRequestException("Unexpected end of request content.", 400), false, true },
        { new ConnectionResetException("reset"), false, true },
        { new OperationCanceledException(), true, true },
        { new IOException("broken pipe"), true, true },
        { new OperationCanceledException(), false, false },  // a timeout of ours, not the client leaving
        { new IOException("disk"), false, false },
        { new InvalidOperationException("bug"), true, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void ClientSide_OnlyWhatTheClientCaused(Exception e, bool aborted, bool expected)
    {
        using var cts = new CancellationTokenSource();
        if (aborted) cts.Cancel();
        var http = new DefaultHttpContext { RequestAborted = cts.Token };

        Assert.Equal(expected, SlackChannelExtensions.ClientSide(e, http));
    }

    private sealed class Endpoint;
}
