namespace RecoveryBot.Core.App;

/// <summary>
/// Where a person can be written to privately, for platforms that need an address of their own for that: Teams
/// (the Connector endpoint seen on the person's own activities and, once created, their 1:1 conversation with the
/// bot). The address is the adapter's own opaque text; Slack needs none (it opens a DM by user id).
/// </summary>
public interface IDirectAddresses
{
    Task<string?> GetAsync(PersonKey person, CancellationToken ct);

    Task SetAsync(PersonKey person, string address, CancellationToken ct);
}
