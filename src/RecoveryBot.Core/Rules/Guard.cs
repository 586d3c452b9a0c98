using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Rules;

/// <summary>Role checks. Each returns null when allowed, else one line that names who may do it.</summary>
public static class Guard
{
    public static string? Lead(Recovery r, UserRef actor, string what) =>
        r.Lead.Is(actor) ? null : $"Only the lead, {r.Lead.Name}, can {what}.";

    public static string? Approver(Recovery r, UserRef actor, string what) => r.Approver switch
    {
        null => $"No approver is named yet, so nobody can {what}. The lead names one with `approver @user`.",
        var a when a.Is(actor) => null,
        var a => $"Only the approver, {a.Name}, can {what}.",
    };

    public static string? Owner(Gap g, UserRef actor, string what) => g.Owner switch
    {
        null => $"{g.Id} has no owner yet. The lead assigns one with `assign {g.Id} @user <date>`.",
        var o when o.Is(actor) => null,
        var o => $"Only the owner of {g.Id}, {o.Name}, can {what}.",
    };

    public static string? OwnerOrLead(Recovery r, Gap g, UserRef actor, string what) =>
        r.Lead.Is(actor) || g.Owner.Is(actor) ? null
        : g.Owner is null ? $"Only the lead, {r.Lead.Name}, can {what} while {g.Id} has no owner."
        : $"Only the owner of {g.Id}, {g.Owner.Name}, or the lead, {r.Lead.Name}, can {what}.";

    public static string? Retester(Gap g, UserRef actor, string what) => g.Retester switch
    {
        null => $"{g.Id} has no retester yet; the owner names one with `ready {g.Id} retest @user <date>`.",
        var t when t.Is(actor) => null,
        var t => $"Only the retester of {g.Id}, {t.Name}, can {what}. A fix closes only when a real user has retested it.",
    };

    /// <summary>The roles the actor holds in this recovery, for help and cards.</summary>
    public static IEnumerable<Role> RolesOf(Recovery r, UserRef actor, Gap? g = null)
    {
        if (r.Lead.Is(actor)) yield return Role.Lead;
        if (r.Approver.Is(actor)) yield return Role.Approver;
        if (g?.Owner.Is(actor) == true) yield return Role.Owner;
        if (g?.Retester.Is(actor) == true) yield return Role.Retester;
        yield return Role.Member;
    }
}
