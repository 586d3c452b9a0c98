using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Rules;

/// <summary>The buttons a gap card shows: for one viewer, or (viewer null) for whoever holds each role.</summary>
public static class GapActions
{
    public static IReadOnlyList<ActionView> For(Recovery r, Gap g, UserRef? viewer)
    {
        var actions = new List<ActionView>();
        bool Fits(UserRef? holder) => holder is not null && (viewer is null || holder.Is(viewer));

        if (g.Status == GapStatus.Planned && Fits(g.Owner))
        {
            actions.Add(new(CardVerbs.Begin, "Start work", g.Id, null, g.Revision));
        }
        if (g.Status == GapStatus.FixReady && Fits(g.Retester))
        {
            actions.AddRange(Retest(g));
        }
        if (g.Status == GapStatus.Verified && Fits(r.Approver))
        {
            actions.Add(new(CardVerbs.SignOff, "Sign off", g.Id, null, g.Revision, ActionStyle.Positive));
        }
        return actions;
    }

    public static IReadOnlyList<ActionView> Retest(Gap g) =>
    [
        new(CardVerbs.Works, "Works in my normal day", g.Id, null, g.Revision, ActionStyle.Positive),
        new(CardVerbs.Broken, "Still broken", g.Id, null, g.Revision, ActionStyle.Destructive, "What still breaks?", NoteRequired: true),
    ];

    public static IReadOnlyList<ActionView> Decide(ChangeRequest c) =>
    [
        new(CardVerbs.Approve, "Approve", null, c.Number, c.Revision, ActionStyle.Positive),
        new(CardVerbs.Reject, "Reject", null, c.Number, c.Revision, ActionStyle.Destructive, "Reason for rejecting", NoteRequired: true),
    ];
}
