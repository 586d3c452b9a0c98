using System.Text.Json;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.BlockKit;

/// <summary>
/// The modals: the gap form, the ownership form and the small note form that Still broken / Reject ask for.
/// Block ids and action ids are the <see cref="FormFields"/> ids, so a submit reads back as the Core's inputs.
/// </summary>
internal static class Modals
{
    /// <summary>callback_id of the note modal; the gap and ownership modals use their <see cref="CardVerbs"/>.</summary>
    public const string NoteCallback = "note";
    public const int TitleMax = 200;
    public const int NoteMax = 1000;

    public static ModalView Form(FormKind kind, ModalMeta meta, string? title = null) => kind switch
    {
        FormKind.Ownership => Ownership(meta),
        _ => Gap(meta, title),
    };

    public static ModalView Gap(ModalMeta meta, string? title)
    {
        var kinds = Enum.GetValues<GapKind>().Select(k => new SelectOption(TextObject.Plain(k.Text()), k.Text())).ToList();
        Block[] blocks =
        [
            Input(FormFields.Title, "What is broken, in plain words", multiline: false, max: TitleMax,
                initial: title is null ? null : SlackLimits.Truncate(title, TitleMax)),
            Input(FormFields.Expected, "What did you expect?", optional: true),
            Input(FormFields.Actual, "What happens instead?", optional: true),
            Input(FormFields.Impact, "Business impact", optional: true),
            Input(FormFields.Affected, "Who is affected (a role or team)", multiline: false, optional: true),
            new InputBlock(TextObject.Plain("Kind"), new StaticSelect(FormFields.Kind, kinds) { InitialOption = kinds[0] })
            {
                BlockId = FormFields.Kind,
            },
        ];
        return View("Report a gap", "Log gap", CardVerbs.SubmitGap, meta, blocks);
    }

    public static ModalView Ownership(ModalMeta meta) => View("Ownership message", "Post", CardVerbs.SubmitOwnership, meta,
    [
        Input(FormFields.Broken, "What is broken"),
        Input(FormFields.Affected, "Who is affected"),
        Input(FormFields.DoingNow, "What we are doing now"),
        Input(FormFields.NextUpdate, "When they hear from us next"),
    ]);

    public static ModalView Note(string title, string label, bool required, ModalMeta meta) =>
        View(title, "Send", NoteCallback, meta, [Input(FormFields.Note, label, optional: !required, max: NoteMax)]);

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
        new(TextObject.Plain(SlackLimits.Clip(Mrkdwn.ToPlain(title), SlackLimits.ModalTitle)), blocks, callback,
            JsonSerializer.Serialize(meta, SlackJson.Default.ModalMeta))
        {
            Submit = TextObject.Plain(SlackLimits.Clip(submit, SlackLimits.ModalButton)),
            Close = TextObject.Plain("Cancel"),
        };

    private static InputBlock Input(string id, string label, bool multiline = true, bool optional = false, int max = NoteMax,
        string? initial = null) =>
        new(TextObject.Plain(SlackLimits.Clip(label, SlackLimits.InputLabel)),
            new PlainTextInput(id) { Multiline = multiline ? true : null, MaxLength = max, InitialValue = initial })
        {
            BlockId = id,
            Optional = optional,
        };
}
