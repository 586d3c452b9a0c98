using System.Text.Json;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>
/// Any Core form as a modal (the gap and ownership forms), and the small note modal a button with a note asks for
/// (a genuine Slack difference: a click cannot carry typed text, so the note is asked in a modal first). Block ids
/// and action ids are the input ids, so a submit reads back as the Core's inputs.
/// </summary>
internal static class Modals
{
    /// <summary>callback_id of the note modal; a form's callback_id is its submit verb.</summary>
    public const string NoteCallback = "note";

    public static ModalView Form(CardDoc form, ModalMeta meta)
    {
        var submit = form.Actions.Count > 0 ? form.Actions[0] : new ActionView(CardVerbs.SubmitGap, "Send");
        var blocks = new List<Block>();
        if (form.Notes.Count > 0) blocks.Add(new ContextBlock([.. form.Notes.Select(n => BlockBuilder.Plain(CoreText.Plain(n), SlackLimits.FieldText))]));
        blocks.AddRange(form.Inputs.Select(Input));
        // An item's form (Mark fix ready, Move the date) submits for that item at the revision it was opened from.
        if (submit.Gap is { } gap) meta = meta with { Gap = gap.Number, Revision = submit.Revision };
        return View(form.Title, submit.Label, submit.Verb, meta, blocks);
    }

    public static ModalView Note(string title, FormInput note, ModalMeta meta) =>
        View(title, "Send", NoteCallback, meta, [Input(note)]);

    public static ModalMeta? ReadMeta(string? privateMetadata)
    {
        if (string.IsNullOrEmpty(privateMetadata)) return null;
        if (privateMetadata[0] != '{') return new ModalMeta(privateMetadata);  // a bare channel id
        try
        {
            return JsonSerializer.Deserialize(privateMetadata, SlackJson.Default.ModalMeta) is { Channel.Length: > 0 } meta ? meta : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ModalView View(string title, string submit, string callback, ModalMeta meta, IReadOnlyList<Block> blocks) =>
        new(BlockBuilder.Plain(title, SlackLimits.ModalTitle), blocks, callback, JsonSerializer.Serialize(meta, SlackJson.Default.ModalMeta))
        {
            Submit = BlockBuilder.Plain(submit, SlackLimits.ModalButton),
            Close = TextObject.Plain("Cancel"),
        };

    private static InputBlock Input(FormInput input)
    {
        var label = BlockBuilder.Plain(input.Label, SlackLimits.InputLabel);
        InputElement element = input.Kind switch
        {
            InputKind.Choice => Select(input),
            InputKind.Person => new UsersSelect(input.Id) { InitialUser = input.Initial },
            InputKind.Date => new DatePicker(input.Id) { InitialDate = input.Initial },
            _ => new PlainTextInput(input.Id)
            {
                Multiline = input.Kind == InputKind.Text ? true : null,
                MaxLength = input.MaxLength,
                InitialValue = input.Initial is null ? null : SlackLimits.Truncate(input.Initial, Math.Min(input.MaxLength, SlackLimits.InitialValue)),
                Placeholder = input.Placeholder is null ? null : BlockBuilder.Plain(input.Placeholder, SlackLimits.Placeholder),
            },
        };
        return new InputBlock(label, element) { BlockId = input.Id, Optional = !input.Required };
    }

    private static StaticSelect Select(FormInput input)
    {
        var options = (input.Choices ?? []).Take(SlackLimits.SelectOptions)
            .Select(c => new SelectOption(BlockBuilder.Plain(c.Label, SlackLimits.OptionText), c.Value)).ToList();
        return new StaticSelect(input.Id, options) { InitialOption = options.FirstOrDefault(o => o.Value == input.Initial) };
    }
}
