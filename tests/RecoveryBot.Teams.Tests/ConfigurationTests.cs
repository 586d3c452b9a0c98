using Microsoft.Extensions.Configuration;

namespace RecoveryBot.Teams.Tests;

/// <summary>The startup checks the host runs on the "Teams" section.</summary>
public sealed class ConfigurationTests
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";

    private static IReadOnlyList<string> Validate(bool production, params (string Key, string Value)[] settings) =>
        Validate(production ? "Production" : "Development", settings);

    private static IReadOnlyList<string> Validate(string environment, params (string Key, string Value)[] settings)
    {
        var options = new TeamsOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Teams:" + s.Key, s.Value)))
            .Build().GetSection(TeamsOptions.Section).Bind(options);
        return TeamsConfiguration.Find(options, environment);
    }

    [Fact]
    public void NothingSet_IsValid() => Assert.Empty(Validate(production: true));

    [Fact]
    public void FullRegistration_IsValid() =>
        Assert.Empty(Validate(true, ("AppId", AppId), ("AppPassword", "s3cret"), ("TenantId", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")));

    [Fact]
    public void AppIdWithoutPassword_IsRefused() =>
        Assert.Contains("Teams__AppId is set but Teams__AppPassword is empty.", Validate(false, ("AppId", AppId)));

    [Fact]
    public void PasswordWithoutAppId_IsRefused() =>
        Assert.Contains("Teams__AppPassword is set but Teams__AppId is empty.", Validate(false, ("AppPassword", "x")));

    [Fact]
    public void AuthenticationNone_IsRefusedInProduction_Only()
    {
        Assert.Contains(Validate(true, ("Authentication", "None")), e => e.StartsWith("Teams__Authentication=None is refused in Production", StringComparison.Ordinal));
        Assert.Empty(Validate(false, ("Authentication", "none")));
    }

    [Theory]
    [InlineData("Authentication", "Off", "Teams__Authentication must be BotFramework or None")]
    [InlineData("AppId", "my-bot", "Teams__AppId must be the bot's Microsoft App ID")]
    [InlineData("TenantId", "contoso.com", "Teams__TenantId must be")]
    [InlineData("OpenIdMetadataUrl", "http://login.botframework.com/v1/.well-known/openidconfiguration", "Teams__OpenIdMetadataUrl must be an absolute https URL")]
    public void BadValues_AreNamed(string key, string value, string message)
    {
        var settings = key == "AppId" ? new[] { (key, value), ("AppPassword", "x") } : [(key, value)];

        Assert.Contains(Validate(false, settings), e => e.StartsWith(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("BotFramework,None")]
    [InlineData("None,BotFramework")]
    [InlineData("Bot Framework")]
    public void Authentication_OnlyTheNames_NoNumbersOrLists(string value)
    {
        Assert.Equal([$"Teams__Authentication must be BotFramework or None (was \"{value}\")."], Validate(false, ("Authentication", value)));
        Assert.Contains(Validate(true, ("Authentication", value)), e => e.StartsWith("Teams__Authentication must be BotFramework or None", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("botframework", TeamsAuthentication.BotFramework)]
    [InlineData(" BOTFRAMEWORK ", TeamsAuthentication.BotFramework)]
    [InlineData("none", TeamsAuthentication.None)]
    [InlineData("1", TeamsAuthentication.BotFramework)]
    [InlineData("BotFramework,None", TeamsAuthentication.BotFramework)]
    public void Authentication_Bound_IsTheNameOrElseValidation(string value, TeamsAuthentication expected)
    {
        var options = new TeamsOptions();
        new ConfigurationBuilder().AddInMemoryCollection([new("Teams:Authentication", value)]).Build().GetSection(TeamsOptions.Section).Bind(options);

        Assert.Equal(expected, options.Authentication);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Test")]
    public void AuthenticationNone_StartsOnlyInDevelopment(string environment)
    {
        Assert.Contains(Validate(environment, ("Authentication", "None")), e => e.StartsWith($"Teams__Authentication=None is refused in {environment}", StringComparison.Ordinal));
        Assert.Empty(Validate("Development", ("Authentication", "None")));
    }

    [Fact]
    public void Secrets_NeverAppearInMessages() =>
        Assert.DoesNotContain(Validate(true, ("AppPassword", "hunter2-secret"), ("Authentication", "None")), e => e.Contains("hunter2", StringComparison.Ordinal));
}
