using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using RecoveryBot.Core.App;

namespace RecoveryBot.Storage.Installations;

/// <summary>
/// Installations in the <c>installations</c> table: PartitionKey the platform, RowKey the workspace. The bot token is
/// stored only as Data Protection ciphertext (<see cref="Purpose"/>), so the table alone does not reveal it; the key
/// ring lives apart (see <see cref="TableXmlRepository"/>). One-time values share the table under <c>~once|…</c>.
/// </summary>
internal sealed class TableInstallationStore(TableStorage storage, IDataProtectionProvider protection, TimeProvider time) : IInstallationStore
{
    public const string Purpose = "RecoveryBot.Installations.BotToken.v1";
    private const string OncePrefix = "~once|";
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    private TableClient Table => storage.Installations;

    public async Task<Installation?> FindAsync(string platform, string tenant, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(platform, Key(tenant), cancellationToken: ct);
        if (!row.HasValue || row.Value is not { } e) return null;
        return new Installation(platform, tenant, e.GetString("Enterprise"), e.GetString("BotUserId") ?? "",
            _protector.Unprotect(e.GetString("BotToken") ?? ""), e.GetString("Scopes") ?? "", e.GetString("InstalledBy") ?? "",
            e.GetDateTimeOffset("InstalledAt") ?? time.GetUtcNow());
    }

    public Task SaveAsync(Installation i, CancellationToken ct) =>
        Table.UpsertEntityAsync(new TableEntity(i.Platform, Key(i.Tenant))
        {
            ["Enterprise"] = i.Enterprise,
            ["BotUserId"] = i.BotUserId,
            ["BotToken"] = _protector.Protect(i.BotToken),
            ["Scopes"] = i.Scopes,
            ["InstalledBy"] = i.InstalledBy,
            ["InstalledAt"] = i.InstalledAt,
        }, TableUpdateMode.Replace, ct);

    public async Task<bool> DeleteAsync(string platform, string tenant, CancellationToken ct)
    {
        var answer = await Table.DeleteEntityAsync(platform, Key(tenant), ETag.All, ct);
        return answer.Status != 404;
    }

    public async Task<bool> ClaimOnceAsync(string purpose, string value, DateTimeOffset expires, CancellationToken ct)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(OncePrefix + purpose, Key(value)) { ["Expires"] = expires }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    // Workspace ids (T…, E…) and nonces (hex) never hold the characters a key may not; anything else is a bug upstream.
    private static string Key(string value) =>
        value.Length is > 0 and <= 255 && value.All(char.IsAsciiLetterOrDigit) ? value
            : throw new ArgumentException("Not a workspace id or one-time value: " + value.Length + " characters", nameof(value));
}
