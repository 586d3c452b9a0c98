namespace RecoveryBot.Core.Commands;

/// <summary>Either a command or one line that says what is wrong and shows the right form.</summary>
public abstract record ParseResult
{
    public sealed record Ok(ChatCommand Command) : ParseResult;

    /// <summary><paramref name="Message"/> is one line for the user; <paramref name="Usage"/> the right form, when known.</summary>
    public sealed record Error(string Message, string? Usage = null) : ParseResult
    {
        public string Line => Usage is null ? Message : $"{Message} Write it as `{Usage}`.";
    }
}
