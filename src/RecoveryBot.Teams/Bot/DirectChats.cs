using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Teams.Activities;
using RecoveryBot.Teams.Connector;

namespace RecoveryBot.Teams.Bot;

/// <summary>
/// What is kept per person to write to them privately: the Connector endpoint their own activities came through,
/// and their 1:1 chat with the bot once known (from a message they wrote there, or one the bot created).
/// </summary>
internal sealed record DirectAddress(string ServiceUrl, string? ConversationId, string? BotId, string? BotName);

/// <summary>
/// Personal chats with people (proactive 1:1, protocols.md C): the address of each person is stored as they are seen
/// (<see cref="IDirectAddresses"/>), and a chat the bot has never had with someone is created with
/// <c>POST /v3/conversations</c> at that person's endpoint, or the channel's when the person was never seen.
/// </summary>
internal sealed class DirectChats(ILogger<DirectChats> log, IDirectAddresses? addresses = null, PersonZones? zones = null)
{
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<PersonKey, DirectAddress> _known = new();
    private readonly ConcurrentDictionary<PersonKey, UserRef> _byAad = new();

    /// <summary>
    /// Notes where the sender of <paramref name="a"/> can be reached, and who they are by their Microsoft Entra id (the
    /// people picker's value); one storage write per change per host.
    /// </summary>
    public async Task SeeAsync(Activity a, Turn turn, CancellationToken ct)
    {
        await SeeZoneAsync(a, turn, ct);
        if (a.From?.AadObjectId is { Length: > 0 } aad) await KnowAsync(AadKey(turn.Channel, aad), turn.Actor, ct);
        if (addresses is null || a.ServiceUrl is not { Length: > 0 } serviceUrl) return;
        var person = PersonKey.Of(turn.Channel, turn.Actor);
        var personal = turn.Direct ? a.Conversation?.Id : null;
        if (_known.TryGetValue(person, out var known) && known.ServiceUrl == serviceUrl && (personal is null || known.ConversationId == personal)) return;
        try
        {
            var stored = known ?? Read(await addresses.GetAsync(person, ct));
            var address = new DirectAddress(serviceUrl, personal ?? (stored?.ServiceUrl == serviceUrl ? stored.ConversationId : null),
                a.Recipient?.Id ?? stored?.BotId, a.Recipient?.Name ?? stored?.BotName);
            if (address != stored) await addresses.SetAsync(person, Write(address), ct);
            Remember(person, address);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or StoreTooLargeException)
        {
            log.LogDebug("The direct address of a Teams user could not be stored: {Error}", ex.Message);
        }
    }

    /// <summary>The sender's <c>localTimezone</c>, kept for their personal posts (stored on change, once per host).</summary>
    private async Task SeeZoneAsync(Activity a, Turn turn, CancellationToken ct)
    {
        if (zones is null || a.LocalTimezone is null) return;
        try
        {
            await zones.SeeAsync(PersonKey.Of(turn.Channel, turn.Actor), a.LocalTimezone, ct);
        }
        catch (StoreUnavailableException ex)
        {
            log.LogDebug("The time zone of a Teams user could not be stored: {Error}", ex.Message);
        }
    }

    /// <summary>
    /// Where to post to <paramref name="person"/> privately: their 1:1 chat, created when there is none yet. Throws
    /// <see cref="ConnectorException"/> when Teams refuses (403 the bot is not installed for them, 404 unknown user).
    /// </summary>
    public async Task<Destination> OpenAsync(ConnectorClient connector, ChannelKey channel, UserRef person, ConversationAddress fallback, CancellationToken ct)
    {
        var key = PersonKey.Of(channel, person);
        var address = _known.TryGetValue(key, out var known) ? known : addresses is null ? null : Read(await addresses.GetAsync(key, ct));
        address ??= new DirectAddress(fallback.ServiceUrl, null, fallback.BotId, fallback.BotName);
        var bot = new ChannelAccount { Id = address.BotId ?? fallback.BotId, Name = address.BotName ?? fallback.BotName };
        if (address.ConversationId is null)
        {
            var tenant = channel.Tenant is { Length: > 0 } t ? t : null;
            var id = await connector.CreateConversationAsync(address.ServiceUrl, new ConversationParameters(false, bot,
                [new ChannelAccount { Id = person.Id }], tenant, tenant is null ? null : new TeamsChannelData { Tenant = new TenantInfo(tenant) }), ct);
            address = address with { ConversationId = id };
            try
            {
                if (addresses is not null) await addresses.SetAsync(key, Write(address), ct);
            }
            catch (Exception ex) when (ex is StoreUnavailableException or StoreTooLargeException)
            {
                log.LogDebug("A created Teams chat could not be stored: {Error}", ex.Message);
            }
            Remember(key, address);
        }
        var personal = new ChannelKey(TurnReader.Platform, channel.Tenant, address.ConversationId);
        return new Destination(address.ServiceUrl, address.ConversationId, null, bot, new ChannelAccount { Id = person.Id, Name = person.Name }, personal)
        {
            Viewer = person.Id,
        };
    }

    /// <summary>
    /// The person a people picker named by their Microsoft Entra id: someone the bot has seen (their own activities
    /// carry the id), else a member of the conversation the form was sent from, asked of the Connector; null when
    /// neither knows them.
    /// </summary>
    public async Task<UserRef?> FindByAadAsync(ConnectorClient connector, ChannelKey channel, string aadId, string serviceUrl, string conversationId, CancellationToken ct)
    {
        var key = AadKey(channel, aadId);
        if (_byAad.TryGetValue(key, out var known)) return known;
        try
        {
            if (addresses is not null && ReadUser(await addresses.GetAsync(key, ct)) is { } stored)
            {
                _byAad[key] = stored;
                return stored;
            }
        }
        catch (StoreUnavailableException ex)
        {
            log.LogDebug("A picked Teams user could not be read: {Error}", ex.Message);
        }
        ChannelAccount? member;
        try
        {
            member = await connector.GetMemberAsync(serviceUrl, conversationId, aadId, ct);
        }
        catch (ConnectorException ex)
        {
            log.LogDebug("The Connector could not name a picked Teams user ({Status} {Code})", (int)ex.Status, ex.Code);
            return null;
        }
        if (member?.Id is not { Length: > 0 } id) return null;
        var user = new UserRef(id, member.Name is { Length: > 0 } n ? n : id);
        await KnowAsync(key, user, ct);
        return user;
    }

    private async Task KnowAsync(PersonKey key, UserRef user, CancellationToken ct)
    {
        if (_byAad.TryGetValue(key, out var known) && known == user) return;
        if (_byAad.Count >= MaxRemembered) _byAad.Clear();
        _byAad[key] = user;
        if (addresses is null) return;
        try
        {
            await addresses.SetAsync(key, System.Text.Json.JsonSerializer.Serialize(new ChannelAccount { Id = user.Id, Name = user.Name }, TeamsJson.Wire.ChannelAccount), ct);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or StoreTooLargeException)
        {
            log.LogDebug("A Teams user's Entra id could not be stored: {Error}", ex.Message);
        }
    }

    /// <summary>The key under which a Microsoft Entra id names a Teams user (the same table as the direct addresses).</summary>
    private static PersonKey AadKey(ChannelKey channel, string aadId) =>
        PersonKey.Of(channel, new UserRef("aad:" + aadId.ToLowerInvariant(), ""));

    private static UserRef? ReadUser(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(json, TeamsJson.Wire.ChannelAccount) is { Id.Length: > 0 } a ? new UserRef(a.Id, a.Name ?? a.Id) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private void Remember(PersonKey person, DirectAddress address)
    {
        if (_known.Count >= MaxRemembered) _known.Clear();
        _known[person] = address;
    }

    private static string Write(DirectAddress address) => System.Text.Json.JsonSerializer.Serialize(address, TeamsJson.Wire.DirectAddress);

    private static DirectAddress? Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(json, TeamsJson.Wire.DirectAddress) is { ServiceUrl.Length: > 0 } a
                && Uri.TryCreate(a.ServiceUrl, UriKind.Absolute, out _) ? a : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
