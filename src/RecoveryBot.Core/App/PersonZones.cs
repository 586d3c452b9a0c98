using System.Collections.Concurrent;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Core.App;

/// <summary>
/// Takes note of the zone a platform reports for a person: a valid IANA id is stored when it differs from the stored
/// one, at most once per person and zone per host, and the person's recoveries are planned again so an occurrence not
/// yet posted moves to the new zone. Anything else (no zone, an unknown id) is ignored.
/// </summary>
public sealed class PersonZones(IPersonZones zones, IPeopleIndex? people = null, IScheduleIndex? schedule = null)
{
    private const int MaxRemembered = 10_000;
    private const int MaxWoken = 50;
    private readonly ConcurrentDictionary<PersonKey, string> _known = new();

    /// <summary>The zone <paramref name="id"/> names, or null when it is empty or not a zone this machine knows.</summary>
    public static TimeZoneInfo? Valid(string? id) =>
        string.IsNullOrWhiteSpace(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? null : zone;

    /// <summary>Notes <paramref name="zoneId"/> for <paramref name="person"/>; returns true when it was stored (a change).</summary>
    public async Task<bool> SeeAsync(PersonKey person, string? zoneId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(zoneId)) return false;
        var id = zoneId.Trim();
        // The same zone again (every activity carries it) costs one lookup in memory, before any validation.
        if (_known.TryGetValue(person, out var known) && known == id) return false;
        if (Valid(id) is null) return false;
        var stored = await zones.GetZoneAsync(person, ct);
        var changed = stored != id;
        if (changed)
        {
            await zones.SetZoneAsync(person, id, ct);
            await WakeAsync(person, ct);
        }
        if (_known.Count >= MaxRemembered) _known.Clear();
        _known[person] = id;
        return changed;
    }

    private async Task WakeAsync(PersonKey person, CancellationToken ct)
    {
        if (people is null || schedule is null) return;
        foreach (var recovery in (await people.RecoveriesOfAsync(person, ct)).Take(MaxWoken))
        {
            await schedule.WakeAsync(recovery, ct);
        }
    }
}
