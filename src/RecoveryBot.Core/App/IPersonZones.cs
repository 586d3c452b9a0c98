namespace RecoveryBot.Core.App;

/// <summary>
/// The time zone a person's platform reports for them (an IANA id: Slack <c>users.info</c> <c>tz</c>, Teams
/// <c>localTimezone</c>). Their personal posts go out in that zone's business hours; without one, in the recovery's.
/// </summary>
public interface IPersonZones
{
    /// <summary>The stored zone id, or null when the platform never told us. Throws <see cref="StoreUnavailableException"/>.</summary>
    Task<string?> GetZoneAsync(PersonKey person, CancellationToken ct);

    /// <summary>Stores <paramref name="zone"/> as the person's zone. Throws <see cref="StoreUnavailableException"/>.</summary>
    Task SetZoneAsync(PersonKey person, string zone, CancellationToken ct);
}
