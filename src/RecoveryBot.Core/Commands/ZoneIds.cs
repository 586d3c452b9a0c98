namespace RecoveryBot.Core.Commands;

/// <summary>Turns what a user typed as a time zone into the IANA id the recovery stores.</summary>
internal static class ZoneIds
{
    public const string Example = "`Europe/Berlin` or `America/New_York`";

    /// <summary>
    /// The canonical id (<c>europe/berlin</c> → <c>Europe/Berlin</c>; a Windows id → its IANA id), or null.
    /// Files in the zone database that are not zones people pick (<c>localtime</c>, <c>posixrules</c>) are refused.
    /// </summary>
    public static string? Canonical(string text)
    {
        var zone = Model.TimeZones.Find(text);
        if (zone is null) return null;
        if (zone == TimeZoneInfo.Utc) return "UTC";
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana)) return iana;
        return zone.Id.Contains('/', StringComparison.Ordinal) || TimeZoneInfo.TryConvertIanaIdToWindowsId(zone.Id, out _)
            ? zone.Id
            : null;
    }
}
