using RecoveryBot.Core.Model;

namespace RecoveryBot.Core.Commands;

/// <summary>
/// A cursor over one command's arguments. Each reader returns the value, or null after recording the
/// first error, so a command parser reads as one chain of <c>is { } x</c> checks.
/// </summary>
internal sealed class Args(string verb, string line, IReadOnlyList<Token> tokens, int commandIndex)
{
    private int _next = commandIndex + 1;
    private int _end = tokens.Count;

    /// <summary>The form shown with an error; a command with sub-forms narrows it once it knows which one.</summary>
    public string Usage { get; set; } = CommandCatalog.Find(verb)?.Usage ?? verb;

    public ParseResult.Error? Failure { get; private set; }

    public ParseResult Failed => Failure ?? new ParseResult.Error("That command could not be read.", Usage);

    public Token? Peek => _next < _end ? tokens[_next] : null;

    public bool AtEnd => _next >= _end;

    public void Skip() => _next++;

    public bool Keyword(string word)
    {
        if (Peek is not { } token || !token.Is(word)) return false;
        _next++;
        return true;
    }

    public ParseResult Fail(string message)
    {
        Failure ??= new ParseResult.Error(message, Usage);
        return Failure;
    }

    public ParseResult Result(ChatCommand command) => Failure is null ? new ParseResult.Ok(command) : Failure;

    /// <summary>The command, provided nothing is left over.</summary>
    public ParseResult Done(ChatCommand command) => End() ? Result(command) : Failed;

    public bool End()
    {
        if (Failure is not null) return false;
        if (Peek is not { } extra) return true;
        var before = line[tokens[commandIndex].Start..extra.Start].TrimEnd();
        Fail($"Unexpected {Echo.Quote(extra.Text)} after {Echo.Quote(before)}.");
        return false;
    }

    public GapId? Gap(string example)
    {
        if (Peek is not { } token) return Missing<GapId>($"Say which item, e.g. `{example}`.");
        if (!GapId.TryParse(token.Text, out var id)) return Missing<GapId>($"{Echo.Quote(token.Text)} is not a gap id; ids look like `G-7`.");
        _next++;
        return id;
    }

    /// <summary>A change request number written <c>CR-3</c>.</summary>
    public int? Change(string example)
    {
        if (Peek is not { } token) return Missing<int>($"Say which change request, e.g. `{example}`.");
        var text = token.Text;
        if (text.Length < 4 || !text.StartsWith("CR-", StringComparison.OrdinalIgnoreCase)
            || !DateParser.TryNumber(text[3..], out var number) || number < 1 || text.Length > 10)
        {
            return Missing<int>($"{Echo.Quote(text)} is not a change request id; they look like `CR-3`.");
        }
        _next++;
        return number;
    }

    public UserRef? User(string role, string example)
    {
        if (Peek is not { } token) return MissingRef<UserRef>($"Mention the {role} with @, e.g. `{example}`.");
        if (token.Mention is { } user)
        {
            _next++;
            return user;
        }
        return token.Text.StartsWith('@') || token.Text.StartsWith("<@", StringComparison.Ordinal)
            ? MissingRef<UserRef>($"{Echo.Quote(token.Text)} is not a mention; pick the {role} from the @ list, e.g. `{example}`.")
            : MissingRef<UserRef>($"Mention the {role} with @, e.g. `{example}`.");
    }

    public DateSpec? Date(string what, string example)
    {
        if (Peek is not { } token) return MissingRef<DateSpec>($"Give the {what}, e.g. `{example}`.");
        var read = DateParser.Read(tokens, _next);
        if (read.Error is not null) return MissingRef<DateSpec>(read.Error);
        if (read.Date is null || _next + read.Consumed > _end) return MissingRef<DateSpec>($"{Echo.Quote(token.Text)} is not a date; use {DateParser.Forms}.");
        _next += read.Consumed;
        return read.Date;
    }

    public TimeOnly? Time(string example)
    {
        if (Peek is not { } token) return Missing<TimeOnly>($"Give the time, e.g. `{example}`.");
        if (!TimeParser.TryParse(token.Text, out var time)) return Missing<TimeOnly>($"{Echo.Quote(token.Text)} is not a time; use {TimeParser.Forms}.");
        _next++;
        return time;
    }

    public string? Zone(string text)
    {
        var id = ZoneIds.Canonical(text);
        return id ?? MissingRef<string>($"Unknown time zone {Echo.Quote(text)}; use an IANA id such as {ZoneIds.Example}.");
    }

    /// <summary>
    /// Takes <c>keyword value</c> from the end, so the free text before it may use the same word
    /// (<c>start Fix tz handling tz Europe/Berlin</c>). Null when absent or on error.
    /// </summary>
    public string? Trailing(string keyword, string example)
    {
        if (_end - _next >= 1 && tokens[_end - 1].Is(keyword)) return MissingRef<string>($"Give a value after `{keyword}`, e.g. `{example}`.");
        if (_end - _next < 2 || !tokens[_end - 2].Is(keyword)) return null;
        _end -= 2;
        return tokens[_end + 1].Text;
    }

    /// <summary>The rest of the line as free text; required.</summary>
    public string? Text(TextField field, string example) =>
        OptionalText(field) ?? (Failure is null ? MissingRef<string>($"Add the {field.Label.ToLowerInvariant()}, e.g. `{example}`.") : null);

    public string? OptionalText(TextField field)
    {
        if (Failure is not null || AtEnd) return null;
        var stop = _end < tokens.Count ? tokens[_end].Start : line.Length;
        var text = Mentions.ToPlainText(line[tokens[_next].Start..stop]).Trim();
        _next = _end;
        if (text.Length <= field.Max) return text;
        return MissingRef<string>($"{field.Label} is too long (max {field.Max.ToString(System.Globalization.CultureInfo.InvariantCulture)} characters).");
    }

    private T? Missing<T>(string message) where T : struct
    {
        Fail(message);
        return null;
    }

    private T? MissingRef<T>(string message) where T : class
    {
        Fail(message);
        return null;
    }
}
