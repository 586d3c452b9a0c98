using System.Globalization;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>Starting a recovery and the lead's settings: roles, freeze, schedule, milestones, lessons, questions.</summary>
internal static class SetupHandler
{
    public static Task StartAsync(TurnContext ctx, StartCommand c)
    {
        if (ctx.Recovery is { } existing)
        {
            ctx.Refuse($"A recovery is already running in this channel: \"{existing.Name}\", led by {existing.Lead.Name}.");
            return Task.CompletedTask;
        }
        var zone = c.TimeZone ?? "UTC";
        if (TimeZones.Find(zone) is null)
        {
            ctx.Refuse($"`{zone}` is not a time zone I know. Use an IANA name such as `Europe/Berlin`.");
            return Task.CompletedTask;
        }
        var (id, generation) = ctx.NewRecovery ?? (ctx.Turn.Channel.RecoveryId, 0);
        var recovery = new Recovery
        {
            Id = id, Channel = ctx.Turn.Channel, Name = c.Name, TimeZone = zone, Generation = generation,
            Lead = ctx.Actor, StartedAt = ctx.Now, Address = ctx.Turn.Address, Revision = -1,
        };
        ctx.Write(recovery);
        ctx.Event(null, "started", to: c.Name);
        var earlier = generation > 0 ? " The channel's earlier recoveries stay readable: `recoveries` lists them with their summary links." : "";
        ctx.Say($"Recovery \"{c.Name}\" started by {ctx.Actor.Name} (lead), time zone {zone}. New requests are frozen. " +
                "Next: name the approver (`approver @user`), post the ownership message within 48 hours (`ownership`), " +
                $"and report gaps (`gap <title>`).{earlier}", Audience.Channel);
        return Task.CompletedTask;
    }

    public static Task HandleAsync(TurnContext ctx, ChatCommand command)
    {
        var r = ctx.R;
        switch (command)
        {
            case SetApproverCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "name the approver")):
                if (c.User.Is(r.Lead)) { ctx.Refuse("The approver is on the client side and cannot be the lead."); break; }
                ctx.Write(r with { Approver = c.User });
                ctx.Event(null, "approver", r.Approver?.Name, c.User.Name);
                ctx.Say($"{c.User.Name} is now the approver of \"{r.Name}\": they approve the reset plan, scope moves and sign-offs.", Audience.Channel);
                break;
            case SetLeadCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "hand over the lead role")):
                if (c.User.Is(r.Approver)) { ctx.Refuse("The approver cannot also be the lead."); break; }
                ctx.Write(r with { Lead = c.User });
                ctx.Event(null, "lead", r.Lead.Name, c.User.Name);
                ctx.Say($"{c.User.Name} is now the lead of \"{r.Name}\" (handed over by {ctx.Actor.Name}).", Audience.Channel);
                break;
            case FreezeCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "change the freeze")):
                if (r.Frozen == c.On) { ctx.Say($"New requests are already {(c.On ? "frozen" : "open")}."); break; }
                ctx.Write(r with { Frozen = c.On });
                ctx.Event(null, "freeze", r.Frozen ? "on" : "off", c.On ? "on" : "off");
                ctx.Say(c.On ? "New requests are frozen: they go to the later list." : "The freeze is off: new requests land in now.", Audience.Channel);
                break;
            case CheckinSettingsCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "change the check-in time")):
                ctx.Write(r with { CheckinDay = c.Day, CheckinTime = c.Time });
                ctx.Event(null, "checkin", $"{r.CheckinDay} {r.CheckinTime:HH\\:mm}", $"{c.Day} {c.Time:HH\\:mm}");
                ctx.Say($"The check-in is now posted every {c.Day} at {c.Time.ToString("HH:mm", CultureInfo.InvariantCulture)} ({r.TimeZone}).", Audience.Channel);
                break;
            case TimeZoneSettingsCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "change the time zone")):
                if (TimeZones.Find(c.TimeZone) is null) { ctx.Refuse($"`{c.TimeZone}` is not a time zone I know. Use an IANA name such as `Europe/Berlin`."); break; }
                ctx.Write(r with { TimeZone = c.TimeZone });
                ctx.Event(null, "timezone", r.TimeZone, c.TimeZone);
                ctx.Say($"Dates and scheduled posts now use {c.TimeZone}.", Audience.Channel);
                break;
            case FollowUpSettingsCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "change the follow-up delay")):
                if (c.Days == r.FollowUpDays) { ctx.Say($"The follow-up is already {c.Days} days after closure."); break; }
                ctx.Write(r with { FollowUpDays = c.Days });
                ctx.Event(null, "followup", $"{r.FollowUpDays} days", $"{c.Days} days");
                ctx.Say($"The follow-up checkpoint is now posted {c.Days} days after closure.", Audience.Channel);
                break;
            case MilestoneCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "add milestones")):
                if (r.Milestones.Count >= RecoveryLimits.Milestones) { ctx.Refuse(RecoveryLimits.Full("milestones", RecoveryLimits.Milestones)); break; }
                var date = ctx.Resolve(c.Date);
                ctx.Write(r with { Milestones = r.Milestones.Add(new Milestone(date, c.Text)).Sort((a, b) => a.Date.CompareTo(b.Date)) });
                ctx.Event(null, "milestone", to: $"{Fmt.Date(date)} {c.Text}");
                ctx.Say($"Milestone {Fmt.Date(date)}: {c.Text}.", Audience.Channel);
                break;
            case ReviewCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "set the next review")):
                var day = ctx.Resolve(c.Date);
                if (day < ctx.Today) { ctx.Refuse($"{Fmt.Date(day)} is in the past; the next review needs a date from today on."); break; }
                var at = ctx.Zone.AtLocal(day, c.Time ?? new TimeOnly(10, 0));
                ctx.Write(r with { NextReview = at });
                ctx.Event(null, "review", r.NextReview is { } old ? Fmt.When(old, ctx.Zone) : null, Fmt.When(at, ctx.Zone));
                ctx.Say($"Next review: {Fmt.When(at, ctx.Zone)}.", Audience.Channel);
                break;
            case EscalationCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "set the escalation path")):
                ctx.Write(r with { EscalationPath = c.Text });
                ctx.Event(null, "escalation", r.EscalationPath, c.Text);
                ctx.Say($"Escalation path: {c.Text}.");
                break;
            case LessonCommand c:
                if (r.Lessons.Count >= RecoveryLimits.Lessons) { ctx.Refuse(RecoveryLimits.Full("lessons", RecoveryLimits.Lessons)); break; }
                ctx.Write(r with { Lessons = r.Lessons.Add(new Lesson(c.Text, ctx.Actor, ctx.Now)) });
                ctx.Event(null, "lesson", to: c.Text);
                ctx.Say($"Lesson recorded ({r.Lessons.Count + 1} so far): {c.Text}");
                break;
            case QuestionCommand c:
                Ask(ctx, r, c.Text);
                break;
            case OwnershipCommand c when ctx.Check(Guard.Lead(r, ctx.Actor, "post the ownership message")):
                if (c.Fields is null) { ctx.Add(new Reply.Form(FormDocs.Ownership())); break; }
                var message = new OwnershipMessage(c.Fields.Broken, c.Fields.Affected, c.Fields.DoingNow, c.Fields.NextUpdate, ctx.Actor, ctx.Now);
                ctx.Write(r with { Ownership = message, OwnershipPostedAt = r.OwnershipPostedAt ?? ctx.Now });
                ctx.Event(null, "ownership", note: c.Fields.Broken);
                ctx.Show(RecoveryDocs.Ownership(r, message));
                break;
        }
        return Task.CompletedTask;
    }

    private static void Ask(TurnContext ctx, Recovery r, string text)
    {
        var key = Normalize(text);
        var index = r.Questions.FindIndex(q => Normalize(q.Text) == key);
        if (index < 0)
        {
            if (r.Questions.Count >= RecoveryLimits.Questions) { ctx.Refuse(RecoveryLimits.Full("different questions", RecoveryLimits.Questions)); return; }
            ctx.Write(r with { Questions = r.Questions.Add(new Question(text, 1, ctx.Now, ctx.Now)) });
            ctx.Event(null, "question", to: text);
            ctx.Say("Question logged. If it comes up again it shows in the check-in as a training gap.");
            return;
        }
        var q = r.Questions[index];
        ctx.Write(r with { Questions = r.Questions.SetItem(index, q with { Count = q.Count + 1, LastAsked = ctx.Now }) });
        ctx.Event(null, "question", q.Count.ToString(CultureInfo.InvariantCulture), (q.Count + 1).ToString(CultureInfo.InvariantCulture), text);
        ctx.Say($"That question has now been asked {q.Count + 1} times; it shows in the check-in as a training gap.");
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('?', '.', '!', ' ');
}
