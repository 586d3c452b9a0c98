using Microsoft.Identity.Client;

namespace RecoveryBot.Teams.Connector;

/// <summary>Bearer tokens for the Bot Connector; null when the bot has no App ID or runs with Teams__Authentication=None.</summary>
internal interface IConnectorTokens
{
    Task<string?> GetTokenAsync(CancellationToken ct);
}

/// <summary>
/// MSAL client credentials (protocols.md C). One <see cref="IConfidentialClientApplication"/> for the process,
/// so MSAL's in-memory token cache serves every send until shortly before expiry.
/// </summary>
internal sealed class MsalConnectorTokens : IConnectorTokens
{
    private static readonly string[] Scopes = ["https://api.botframework.com/.default"];
    private readonly IConfidentialClientApplication? _app;

    public MsalConnectorTokens(TeamsOptions options)
    {
        if (!options.HasCredentials || options.Authentication == TeamsAuthentication.None) return;
        _app = ConfidentialClientApplicationBuilder.Create(options.AppId.Trim())
            .WithClientSecret(options.AppPassword)
            .WithAuthority(options.Authority)
            .Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        if (_app is null) return null;
        var result = await _app.AcquireTokenForClient(Scopes).ExecuteAsync(ct);
        return result.AccessToken;
    }
}
