namespace RecoveryBot.Core.Commands;

/// <summary>A free-text argument: its name in replies and its length limit. Longer text is refused, never cut.</summary>
internal sealed record TextField(string Label, int Max)
{
    public const int TitleMax = Views.TextLimits.Title;
    public const int NoteMax = Views.TextLimits.Note;

    public static readonly TextField Title = new("Title", TitleMax);
    public static readonly TextField Name = new("Name", TitleMax);
    public static readonly TextField MilestoneText = new("Milestone text", TitleMax);
    public static readonly TextField Note = new("Note", NoteMax);
    public static readonly TextField Reason = new("Reason", NoteMax);
    public static readonly TextField Lesson = new("Lesson", NoteMax);
    public static readonly TextField Question = new("Question", NoteMax);
    public static readonly TextField Escalation = new("Escalation path", NoteMax);
    public static readonly TextField TimeZone = new("Time zone", 64);
}
