using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RecoveryBot.Core.Model;

/// <summary>A person on either platform. <see cref="Id"/> is the platform's own user id.</summary>
public sealed record UserRef(string Id, string Name)
{
    public override string ToString() => Name;
}

public static class UserRefExtensions
{
    /// <summary>Same person (by platform id). Null never matches, so a missing owner or retester is nobody.</summary>
    public static bool Is(this UserRef? a, UserRef? b) =>
        a is not null && b is not null && string.Equals(a.Id, b.Id, StringComparison.Ordinal);
}

/// <summary>
/// Where a recovery lives: a platform, its tenant (Teams tenant or Slack workspace) and one conversation.
/// A recovery id is derived from all three, so one tenant can never address another tenant's recovery.
/// </summary>
public sealed record ChannelKey(string Platform, string Tenant, string Conversation)
{
    public RecoveryId RecoveryId => RecoveryId.For(this);
}

public readonly record struct RecoveryId(string Value)
{
    public static RecoveryId For(ChannelKey key) => For(key, 0);

    /// <summary>The id of the channel's recovery number <paramref name="generation"/> (0 = the first, whose id never changed).</summary>
    public static RecoveryId For(ChannelKey key, int generation)
    {
        var text = $"{key.Platform}\n{key.Tenant}\n{key.Conversation}";
        if (generation > 0) text += "\n" + generation.ToString(CultureInfo.InvariantCulture);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new RecoveryId("r" + Convert.ToHexStringLower(bytes, 0, 12));
    }

    public static bool TryParse(string? text, out RecoveryId id)
    {
        id = default;
        if (text is not { Length: 25 } || text[0] != 'r') return false;
        foreach (var c in text.AsSpan(1))
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        }
        id = new RecoveryId(text);
        return true;
    }

    public override string ToString() => Value;
}

/// <summary>A gap log item id, <c>G-7</c>. Case-insensitive when parsed.</summary>
public readonly record struct GapId(int Number) : IComparable<GapId>
{
    public const int MaxNumber = 9_999_999;

    public static bool TryParse(ReadOnlySpan<char> text, out GapId id)
    {
        id = default;
        text = text.Trim();
        if (text.Length < 3 || (text[0] != 'G' && text[0] != 'g') || text[1] != '-') return false;
        var digits = text[2..];
        if (digits.Length > 7) return false;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1) return false;
        id = new GapId(n);
        return true;
    }

    public int CompareTo(GapId other) => Number.CompareTo(other.Number);

    public static bool operator <(GapId a, GapId b) => a.Number < b.Number;
    public static bool operator >(GapId a, GapId b) => a.Number > b.Number;
    public static bool operator <=(GapId a, GapId b) => a.Number <= b.Number;
    public static bool operator >=(GapId a, GapId b) => a.Number >= b.Number;

    public override string ToString() => "G-" + Number.ToString(CultureInfo.InvariantCulture);
}
