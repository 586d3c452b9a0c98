using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.App;

/// <summary>A person on one platform and tenant: whose direct messages and personal work these are.</summary>
public sealed record PersonKey(string Platform, string Tenant, string User)
{
    public static PersonKey Of(ChannelKey channel, UserRef person) => new(channel.Platform, channel.Tenant, person.Id);
}

/// <summary>
/// Which recoveries a person has a role or an item in (lead, approver, owner or retester), so a command typed in a
/// direct message finds the channel's recovery without scanning every recovery. Entries are only added: a person
/// who no longer holds anything there is simply not matched (see <see cref="DirectRouting"/>).
/// </summary>
public interface IPeopleIndex
{
    Task<IReadOnlyList<RecoveryId>> RecoveriesOfAsync(PersonKey person, CancellationToken ct);

    Task AddAsync(PersonKey person, RecoveryId recovery, CancellationToken ct);
}
