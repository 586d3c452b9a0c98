using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Slack.Install;

namespace RecoveryBot.Slack.Api;

/// <summary>
/// Display names from users.info, kept in memory for a while (per host). A lookup never holds a turn up for long:
/// after <see cref="LookupBudget"/> or on any failure the caller's fallback name is used (and remembered briefly).
/// The same answer's <c>tz</c> is kept as the person's zone for their personal posts (no call of its own).
/// </summary>
internal sealed partial class UserDirectory(SlackApiClient api, IOptions<SlackOptions> options, TimeProvider time, ILogger<UserDirectory> log,
    PersonZones? zones = null)
{
    public static readonly TimeSpan LookupBudget = TimeSpan.FromMilliseconds(1200);
    private const int MaxEntries = 20_000;
    private const int MaxMentionsResolved = 8;
    private readonly ConcurrentDictionary<string, (string Name, DateTimeOffset Until)> _names = new(StringComparer.Ordinal);

    public async Task<string> NameAsync(string team, string user, string? fallback, CancellationToken ct)
    {
        var key = team + "/" + user;
        var now = time.GetUtcNow();
        if (_names.TryGetValue(key, out var hit) && hit.Until > now) return hit.Name;

        string? name = null;
        string? zone = null;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(LookupBudget);
        try
        {
            var answer = await api.GetUserAsync(team, user, budget.Token);
            (name, zone) = (answer.DisplayName, answer.Tz);
        }
        catch (SlackApiException e)
        {
            log.LogDebug("users.info failed: {Error}", e.Error);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogDebug("users.info took longer than {Budget}", LookupBudget);
        }
        if (_names.Count >= MaxEntries) _names.Clear();
        var found = name is not null;
        name ??= fallback ?? user;
        _names[key] = (name, now + (found ? options.Value.UserNameCacheTime : TimeSpan.FromMinutes(1)));
        if (zone is not null) await SeeZoneAsync(team, user, zone, ct);
        return name;
    }

    private async Task SeeZoneAsync(string team, string user, string zone, CancellationToken ct)
    {
        if (zones is null) return;
        try
        {
            await zones.SeeAsync(new PersonKey(SlackTokens.Platform, team, user), zone, ct);
        }
        catch (StoreUnavailableException ex)
        {
            log.LogDebug("The time zone of a Slack user could not be stored: {Error}", ex.Message);
        }
    }

    /// <summary>
    /// Gives mentions their display name (<c>&lt;@U1&gt;</c> or <c>&lt;@U1|ana&gt;</c> become <c>&lt;@U1|Ana Silva&gt;</c>) so one
    /// person has one name in replies and in the log. The label an escaped slash command carries is the user's handle,
    /// not the name people see; it is kept only when the lookup fails.
    /// </summary>
    public async Task<string> NameMentionsAsync(string team, string text, CancellationToken ct)
    {
        if (!text.Contains("<@", StringComparison.Ordinal)) return text;
        var mentions = Mention().Matches(text).Select(m => (Id: m.Groups[1].Value, Label: m.Groups[2].Success ? m.Groups[2].Value : null))
            .DistinctBy(m => m.Id, StringComparer.Ordinal).Take(MaxMentionsResolved).ToList();
        if (mentions.Count == 0) return text;
        var names = await Task.WhenAll(mentions.Select(m => NameAsync(team, m.Id, string.IsNullOrWhiteSpace(m.Label) ? null : m.Label, ct)));
        var map = mentions.Zip(names).ToDictionary(p => p.First.Id, p => p.Second.Replace(">", "", StringComparison.Ordinal).Replace("|", "", StringComparison.Ordinal), StringComparer.Ordinal);
        return Mention().Replace(text, m => map.TryGetValue(m.Groups[1].Value, out var n) && n.Length > 0 && n != m.Groups[1].Value ? $"<@{m.Groups[1].Value}|{n}>" : m.Value);
    }

    [GeneratedRegex(@"<@([UW][A-Z0-9]{1,30})(?:\|([^|<>]{0,200}))?>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Mention();
}
