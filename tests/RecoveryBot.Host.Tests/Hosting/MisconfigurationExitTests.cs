using System.Diagnostics;

namespace RecoveryBot.Host.Tests.Hosting;

/// <summary>
/// The real host binary refuses to start on each configuration mistake: exactly one line on stderr, exit code 2. Every
/// section (Storage, Scheduler, Teams, Slack, Web) goes through the same validators (ValidateOnStart).
/// </summary>
public sealed class MisconfigurationExitTests
{
    // A Production configuration with nothing wrong, so each Production case below has exactly one mistake.
    private const string GoodProduction =
        "Storage__ConnectionString=DefaultEndpointsProtocol=https;AccountName=x;AccountKey=eA==;EndpointSuffix=core.windows.net" +
        "|Web__PublicBaseUrl=https://recoverybot.example.com|Web__LinkKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    [Theory]
    [InlineData("Development", "Teams__AppId=00000000-0000-0000-0000-000000000001", "Teams__AppId is set but Teams__AppPassword is empty.")]
    [InlineData("Development", "Teams__AppPassword=secret", "Teams__AppPassword is set but Teams__AppId is empty.")]
    [InlineData("Development", "Teams__AppId=my-bot|Teams__AppPassword=x", "Teams__AppId must be the bot's Microsoft App ID (a GUID).")]
    [InlineData("Development", "Teams__TenantId=contoso.com", "Teams__TenantId must be the bot's home tenant id")]
    [InlineData("Development", "Teams__Authentication=1", "Teams__Authentication must be BotFramework or None (was \"1\").")]
    [InlineData("Development", "Teams__Authentication=2", "Teams__Authentication must be BotFramework or None (was \"2\").")]
    [InlineData("Development", "Teams__Authentication=BotFramework,None", "Teams__Authentication must be BotFramework or None (was \"BotFramework,None\").")]
    [InlineData("Development", "Teams__Authentication=Off", "Teams__Authentication must be BotFramework or None (was \"Off\").")]
    [InlineData("Production", "Teams__Authentication=None", "Teams__Authentication=None is refused in Production")]
    [InlineData("Staging", "Teams__Authentication=none", "Teams__Authentication=None is refused in Staging")]
    [InlineData("Development", "Teams__OpenIdMetadataUrl=http://login.botframework.com/x", "Teams__OpenIdMetadataUrl must be an absolute https URL.")]
    [InlineData("Development", "Slack__SigningSecret=abc", "Slack__SigningSecret is set but Slack__BotToken is empty.")]
    [InlineData("Development", "Slack__BotToken=xoxb-1", "Slack__BotToken is set but Slack__SigningSecret is empty")]
    [InlineData("Development", "Slack__SigningSecret=abc|Slack__BotToken=xoxp-1", "Slack__BotToken must be a bot token (it starts with xoxb-).")]
    [InlineData("Development", "Slack__AppToken=xapp-1-A0-1-abc", "Slack__AppToken is set but there is no bot token")]
    [InlineData("Development", "Slack__ClientId=1.2|Slack__SigningSecret=abc", "Slack__ClientId is set but Slack__ClientSecret is empty.")]
    [InlineData("Development", "Slack__ApiBaseUrl=slack.com/api", "Slack__ApiBaseUrl must be an absolute http(s) URL.")]
    [InlineData("Development", "Slack__MaxBodyBytes=12", "Slack__MaxBodyBytes must be between 1024 and 4194304.")]
    [InlineData("Development", "Outbound__HostLease=00:00:05|Outbound__SweepEvery=00:00:10", "Outbound__HostLease must be at least twice Outbound__SweepEvery and at most 00:30:00.")]
    [InlineData("Development", "Outbound__SweepEvery=00:00:00", "Outbound__SweepEvery must be between 00:00:00.1 and 00:05:00.")]
    [InlineData("Development", "Storage__ClaimLease=00:00:00", "Storage__ClaimLease must be between")]
    [InlineData("Development", "Web__LinkKey=short", "Web__LinkKey must be base64 of at least 32 random bytes")]
    [InlineData("Development", "Web__PublicBaseUrl=nope", "Web__PublicBaseUrl must be an absolute http(s) URL")]
    [InlineData("Production", "Web__PublicBaseUrl=http://recoverybot.example.com", "Web__PublicBaseUrl must be a public https URL in Production")]
    [InlineData("Production", "Web__PublicBaseUrl=https://127.0.0.1:3978", "Web__PublicBaseUrl must be a public https URL in Production")]
    [InlineData("Production", "Web__LinkKey=", "Web__LinkKey must be set in Production")]
    [InlineData("Production", "Storage__ConnectionString=UseDevelopmentStorage=true", "Storage__ConnectionString points at the local emulator")]
    [InlineData("Development", "Storage__ConnectionString=not a connection string", "Storage__ConnectionString is not a valid Azure Table Storage connection string.")]
    [InlineData("Development", "Storage__TablePrefix=9-bad", "Storage__TablePrefix must start with a letter")]
    [InlineData("Development", "Storage__MaxRetries=99", "Storage__MaxRetries must be between 0 and 20.")]
    [InlineData("Development", "Scheduler__PollInterval=soon", "Scheduler__PollInterval is not a valid duration")]
    [InlineData("Development", "Scheduler__Parallelism=0", "Scheduler__Parallelism must be between 1 and 64.")]
    [InlineData("Development", "Scheduler__OutboxRetention=8.00:00:00", "Scheduler__OutboxRetention (8.00:00:00) must be at least Scheduler__CatchUpLimit")]
    public async Task Host_Misconfigured_ExitsWithCode2AndOneLine(string environment, string settings, string message)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "RecoveryBot.Host.dll")])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToList()) start.Environment.Remove(key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var all = environment == "Production" ? GoodProduction + "|" + settings : settings;
        foreach (var pair in all.Split('|'))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            start.Environment[pair[..at]] = pair[(at + 1)..];
        }
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
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith("Configuration error: " + message, line, StringComparison.Ordinal);
    }
}
