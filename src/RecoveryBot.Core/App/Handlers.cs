using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.App;

internal static class Handlers
{
    public static Task DispatchAsync(TurnContext ctx, ChatCommand command, CancellationToken ct)
    {
        if (ctx.Recovery is { Phase: RecoveryPhase.Closed } closed && !Closure.StillApplies(command))
        {
            ctx.Refuse(Closure.Refusal(closed, command.Verb, ctx.Zone));
            return Task.CompletedTask;
        }
        return command switch
        {
            StartCommand c => SetupHandler.StartAsync(ctx, c),
            SetApproverCommand or SetLeadCommand or FreezeCommand or CheckinSettingsCommand or TimeZoneSettingsCommand
                or FollowUpSettingsCommand or MilestoneCommand or LessonCommand or QuestionCommand or ReviewCommand
                or EscalationCommand or OwnershipCommand => SetupHandler.HandleAsync(ctx, command),
            ReportCommand c => GapHandler.ReportAsync(ctx, c),
            AssignCommand or BeginCommand or ReadyCommand or TrainedCommand or WorksCommand or BrokenCommand
                or MoveDueCommand or DeclineCommand or ItemFormCommand => GapHandler.HandleAsync(ctx, command, ct),
            ScopeCommand c => ScopeHandler.HandleAsync(ctx, c, ct),
            MoveBucketCommand or PlanCommand or CloseCommand or ApproveCommand or RejectCommand or SignOffCommand
                => ApprovalHandler.HandleAsync(ctx, command, ct),
            LogCommand or ShowCommand or ShowChangeCommand or CheckinCommand or SummaryCommand or RetroCommand or GoNoGoCommand
                => ViewHandler.HandleAsync(ctx, command, ct),
            HistoryCommand => RecoveryViews.HistoryAsync(ctx, ct),
            MineCommand => Mine.InChannelAsync(ctx, ct),
            RecoveriesCommand => RecoveryViews.RecoveriesAsync(ctx, ct),
            _ => Unknown(ctx, command),
        };
    }

    private static Task Unknown(TurnContext ctx, ChatCommand command)
    {
        ctx.Refuse($"`{command.Verb}` cannot be used here. Type `help` for the list.");
        return Task.CompletedTask;
    }
}
