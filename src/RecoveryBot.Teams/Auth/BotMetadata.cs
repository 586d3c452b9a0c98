using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace RecoveryBot.Teams.Auth;

/// <summary>
/// The Bot Framework's OpenID configuration plus each signing key's <c>endorsements</c> (the channels it may
/// sign for). Read from the raw JWKS, as BBD's EndorsementsRetriever does, because OpenIdConnectConfiguration drops them.
/// </summary>
internal sealed record BotMetadata(OpenIdConnectConfiguration Configuration, IReadOnlyList<SecurityKey> SigningKeys,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Endorsements)
{
    public bool HasKey(string? kid) => kid is not null && SigningKeys.Any(k => k.KeyId == kid);
}

/// <summary>Fetches the metadata document, then its <c>jwks_uri</c>, through the manager's document retriever.</summary>
internal sealed class BotMetadataRetriever : IConfigurationRetriever<BotMetadata>
{
    public async Task<BotMetadata> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var document = await retriever.GetDocumentAsync(address, cancel);
        var configuration = OpenIdConnectConfiguration.Create(document);
        if (string.IsNullOrEmpty(configuration.JwksUri))
            throw new InvalidOperationException("The OpenID metadata document has no jwks_uri.");
        var jwks = await retriever.GetDocumentAsync(configuration.JwksUri, cancel);
        var keys = new JsonWebKeySet(jwks) { SkipUnresolvedJsonWebKeys = true };
        var signing = keys.GetSigningKeys().ToList();
        foreach (var key in signing) configuration.SigningKeys.Add(key);
        return new BotMetadata(configuration, signing, ReadEndorsements(jwks));
    }

    internal static Dictionary<string, IReadOnlyList<string>> ReadEndorsements(string jwks)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(jwks);
        if (!doc.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array) return result;
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object || !key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String) continue;
            if (!key.TryGetProperty("endorsements", out var list) || list.ValueKind != JsonValueKind.Array) continue;
            result[kid.GetString()!] = [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
        }
        return result;
    }
}
