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
            actions.Add(new ActionView(CardVerbs.Begin, "Start work", MayPress: Role.Owner) { Gap = g.Id, Revision = g.Revision });
        }
        if (g.Status == GapStatus.InProgress && Fits(g.Owner))
        {
            actions.AddRange(OwnerForms(g));
        }
        if (g.Status == GapStatus.FixReady && Fits(g.Retester))
        {
            actions.AddRange(Retest(g));
        }
        if (g.Status == GapStatus.Verified && Fits(r.Approver))
        {
            actions.Add(new ActionView(CardVerbs.SignOff, "Sign off", ActionStyle.Positive, Role.Approver) { Gap = g.Id, Revision = g.Revision });
        }
        return actions;
    }

    /// <summary>The owner's next steps on an item in progress (and on an overdue nudge): each opens its form.</summary>
    public static IReadOnlyList<ActionView> OwnerForms(Gap g) =>
    [
        new(CardVerbs.ReadyForm, "Mark fix ready", ActionStyle.Positive, Role.Owner) { Gap = g.Id, Revision = g.Revision },
        new(CardVerbs.DueForm, "Move the date", ActionStyle.Default, Role.Owner) { Gap = g.Id, Revision = g.Revision },
    ];

    public static IReadOnlyList<ActionView> Retest(Gap g) =>
    [
        new(CardVerbs.Works, "Works in my normal day", ActionStyle.Positive, Role.Retester) { Gap = g.Id, Revision = g.Revision },
        new(CardVerbs.Broken, "Still broken", ActionStyle.Destructive, Role.Retester)
        {
            Gap = g.Id, Revision = g.Revision, Note = FormDocs.NoteInput("What still breaks?", required: true),
        },
    ];
}
