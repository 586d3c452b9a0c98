using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Activities;

/// <summary>
/// Teams' people picker submits a person's Microsoft Entra (AAD) object id, but the bot knows people by the <c>29:</c>
/// id their activities carry. A picked value becomes an id the bot knows, or the submit is refused in one line (the
/// typed command with an @mention always works): a <c>29:</c> id is kept, the person acting is known by the AAD id on
/// their own activity, and anyone else is looked up (<paramref name="lookup"/>: people the bot has seen, then the
/// conversation's members through the Connector).
/// </summary>
internal static class PickedPeople
{
    private static readonly string[] PersonFields = [FormFields.Retester];

    /// <summary>The action with picked people as the bot's ids, or null (with the line to say) when one is unknown.</summary>
    public static async Task<(CardAction? Action, string? Refusal)> ResolveAsync(CardAction action, string? actorAadId, UserRef actor, Func<string, Task<UserRef?>> lookup)
    {
        Dictionary<string, string>? inputs = null;
        foreach (var field in PersonFields)
        {
            if (!action.Inputs.TryGetValue(field, out var picked) || string.IsNullOrWhiteSpace(picked)) continue;
            picked = picked.Trim();
            string? known = picked.StartsWith("29:", StringComparison.Ordinal) ? picked
                : actorAadId is { Length: > 0 } aad && string.Equals(picked, aad, StringComparison.OrdinalIgnoreCase) ? $"{actor.Id}|{actor.Name}"
                : Guid.TryParse(picked, out _) && await lookup(picked) is { } found ? $"{found.Id}|{found.Name}"
                : null;
            if (known is null) return (null, FormDocs.UnknownPerson(action.Gap));
            (inputs ??= new Dictionary<string, string>(action.Inputs, StringComparer.Ordinal))[field] = known;
        }
        return (inputs is null ? action : action with { Inputs = inputs }, null);
    }
}
