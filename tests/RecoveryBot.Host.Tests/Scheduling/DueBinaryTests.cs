using System.Diagnostics;
using RecoveryBot.Host.Scheduling;

namespace RecoveryBot.Host.Tests.Scheduling;

/// <summary>The real host binary routes <c>due</c> to the verb: a bad argument is one line on stderr and exit code 2.</summary>
public sealed class DueBinaryTests
{
    [Fact]
    public async Task Host_DueWithBadTime_OneLineOnStderrExitTwo()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "RecoveryBot.Host.dll"), "due", "--at", "nope"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
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
        Assert.Equal($"'nope' is not an ISO date and time. {DueCommand.Usage}", (await stderr).TrimEnd('\r', '\n'));
        Assert.Equal("", await stdout);
    }
}
