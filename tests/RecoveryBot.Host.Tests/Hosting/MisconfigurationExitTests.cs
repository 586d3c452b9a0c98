using System.Diagnostics;

namespace RecoveryBot.Host.Tests.Hosting;

/// <summary>The real host binary refuses to start on each configuration mistake: the message on stderr, exit code 2.</summary>
public sealed class MisconfigurationExitTests
{
    [Theory]
    [InlineData("Teams__AppId", "00000000-0000-0000-0000-000000000001", "Development", "Teams__AppId is set but Teams__AppPassword is empty.")]
    [InlineData("Teams__Authentication", "None", "Production", "Teams__Authentication=None is refused in Production")]
    [InlineData("Slack__SigningSecret", "abc", "Development", "Slack__SigningSecret is set but Slack__BotToken is empty.")]
    [InlineData("Slack__AppToken", "xapp-1-A0-1-abc", "Development", "Slack__AppToken is set but there is no bot token")]
    [InlineData("Web__LinkKey", "short", "Development", "Web__LinkKey must be base64 of at least 32 random bytes")]
    [InlineData("Web__PublicBaseUrl", "nope", "Development", "Web__PublicBaseUrl must be an absolute http(s) URL")]
    public async Task Host_Misconfigured_ExitsNonZeroWithMessage(string key, string value, string environment, string message)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "RecoveryBot.Host.dll")])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Configuration error: " + message, await stderr, StringComparison.Ordinal);
    }
}
