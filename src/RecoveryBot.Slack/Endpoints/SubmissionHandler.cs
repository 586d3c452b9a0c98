using Microsoft.Extensions.Logging;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.Api;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Turns;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Endpoints;

/// <summary>Modal submits (gap form, ownership form, note) and the "Log as gap" message shortcut.</summary>
internal sealed class SubmissionHandler(SlackTurns turns, SlackApiClient api, UserDirectory users, ILogger<SubmissionHandler> log)
{
    public const string LogAsGap = "log_as_gap";

    /// <summary>Runs a modal submit. Returns errors to show in the still-open modal when nothing was done.</summary>
    public async Task<ViewErrors?> SubmitAsync(InteractionPayload p, string team, string user, CancellationToken ct)
    {
        if (p.View is not { } view || Modals.ReadMeta(view.PrivateMetadata) is not { } meta) return null;
        var target = ReplyTarget.For(team, meta.Channel, user, null, ActorMode.Ephemeral);
        var inputs = Inputs(view);
        CardAction? action = view.CallbackId switch
        {
            CardVerbs.SubmitGap or "gap_form" => new(CardVerbs.SubmitGap, null, null, null, await WithLinkAsync(target, inputs, meta, ct)),
            CardVerbs.SubmitOwnership => new(CardVerbs.SubmitOwnership, null, null, null, inputs),
            CardVerbs.SubmitReady or CardVerbs.SubmitDue =>
                new(view.CallbackId, meta.Gap is >= 1 and <= GapId.MaxNumber ? new GapId(meta.Gap.Value) : null, null, meta.Revision, await NamedAsync(team, inputs, ct)),
            Modals.NoteCallback when meta.Verb is { } verb =>
                new(verb, meta.Gap is >= 1 and <= GapId.MaxNumber ? new GapId(meta.Gap.Value) : null, meta.Change, meta.Revision, inputs),
            _ => null,
        };
        if (action is null)
        {
            turns.Say(target, "That form is not one RecoveryBot knows; nothing was changed.");
            return null;
        }
        var result = await turns.ActionAsync(target, p.User?.Name, action, ct);
        // Refused: keep the modal (and what they typed) open and show the reason on its first field.
        if (result.Outcome is Outcome.Refused refused && view.State?.Values?.Keys.FirstOrDefault() is { } field)
        {
            return new ViewErrors("errors", new Dictionary<string, string> { [field] = SlackLimits.Clip(CoreText.Plain(refused.Reason), 1900) });
        }
        await turns.DeliverAsync(target, result, ct);
        return null;
    }

    /// <summary>A refusal that came after the ack (the modal is closed by then): said to the person in the channel.</summary>
    public void SayRefused(InteractionPayload p, string team, string user, ViewErrors errors)
    {
        if (p.View is not { } view || Modals.ReadMeta(view.PrivateMetadata) is not { } meta) return;
        var reason = errors.Errors.Values.FirstOrDefault() ?? "the form could not be saved";
        turns.Say(ReplyTarget.For(team, meta.Channel, user, null, ActorMode.Ephemeral), $"Your form was not saved: {reason}");
    }

    /// <summary>"Log as gap" on a message: opens the gap form with the message as the title; the permalink is added on submit.</summary>
    public async Task ShortcutAsync(InteractionPayload p, string team, string user, CancellationToken ct)
    {
        if (p.Channel?.Id is not { Length: > 0 } channel) return;
        var target = ReplyTarget.For(team, channel, user, p.TriggerId, ActorMode.Ephemeral) with { MessageTs = p.MessageTs ?? p.Message?.Ts };
        if (p.CallbackId != LogAsGap)
        {
            turns.Say(target, "That shortcut is not one RecoveryBot knows.");
            return;
        }
        var title = p.Message?.Text is { Length: > 0 } text ? Mrkdwn.ToPlain(text).ReplaceLineEndings(" ").Trim() : null;
        if (await turns.OpenFormAsync(target, FormDocs.Gap(title), ct) is { } problem) turns.Say(target, problem);
    }

    public async Task OpenNoteAsync(ReplyTarget target, ModalView view, CancellationToken ct)
    {
        try
        {
            await api.OpenViewAsync(target.Team, target.TriggerId ?? "", view, ct);
        }
        catch (SlackApiException e)
        {
            log.LogWarning("views.open (note) failed: {Error}", e.Error);
            turns.Say(target, $"I could not open the note form ({e.Error}). Please click again, or type the command with a note.");
        }
    }

    /// <summary>A picked person (<c>selected_user</c>) becomes <c>U123|Ana Silva</c>, the way a typed mention is named.</summary>
    private async Task<Dictionary<string, string>> NamedAsync(string team, Dictionary<string, string> inputs, CancellationToken ct)
    {
        if (inputs.TryGetValue(FormFields.Retester, out var user) && user.Length > 0 && !user.Contains('|', StringComparison.Ordinal))
        {
            var name = (await users.NameAsync(team, user, null, ct)).Replace("|", "", StringComparison.Ordinal).Replace(">", "", StringComparison.Ordinal);
            inputs[FormFields.Retester] = name.Length > 0 && name != user ? $"{user}|{name}" : user;
        }
        return inputs;
    }

    /// <summary>Flattens <c>view.state.values[block][action]</c> into inputs keyed by action id.</summary>
    internal static Dictionary<string, string> Inputs(PayloadView view)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in view.State?.Values ?? new Dictionary<string, IReadOnlyDictionary<string, StateValue>>())
        {
            foreach (var (actionId, value) in block.Value)
            {
                if (value.Text is { } text) inputs[actionId] = text;
            }
        }
        return inputs;
    }

    private async Task<Dictionary<string, string>> WithLinkAsync(ReplyTarget target, Dictionary<string, string> inputs, ModalMeta meta, CancellationToken ct)
    {
        if (meta.MessageTs is not { Length: > 0 } ts) return inputs;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            inputs[FormFields.Link] = await api.GetPermalinkAsync(target.Team, meta.Channel, ts, budget.Token);
        }
        catch (SlackApiException e)
        {
            log.LogInformation("chat.getPermalink failed: {Error}; the gap is logged without its link", e.Error);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogInformation("chat.getPermalink was too slow; the gap is logged without its link");
        }
        return inputs;
    }
}
