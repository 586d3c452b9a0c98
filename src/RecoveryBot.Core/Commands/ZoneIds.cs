namespace RecoveryBot.Core.Commands;

/// <summary>Turns what a user typed as a time zone into the id the recovery stores.</summary>
internal static class ZoneIds
{
    public const string Example = "`Europe/Berlin` or `America/New_York`";

    /// <summary>
    /// The canonical id (<c>europe/berlin</c> → <c>Europe/Berlin</c>; a Windows id → its IANA id), or null.
    /// Files in the zone database that are not zones people pick are refused: <c>localtime</c> is the
    /// server's own zone, and <c>right/…</c> counts leap seconds.
    /// </summary>
    public static string? Canonical(string text)
    {
        var zone = Model.TimeZones.Find(text);
        if (zone is null) return null;
        if (zone == TimeZoneInfo.Utc) return "UTC";
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana)) return iana;
        var id = zone.Id;
        var refused = id.Equals("localtime", StringComparison.OrdinalIgnoreCase)
            || id.Equals("posixrules", StringComparison.OrdinalIgnoreCase)
            || id.Equals("Factory", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("posix/", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("right/", StringComparison.OrdinalIgnoreCase);
        return refused ? null : id;
    }
}
