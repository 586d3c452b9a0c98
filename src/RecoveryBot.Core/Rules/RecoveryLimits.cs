using System.Globalization;

namespace RecoveryBot.Core.Rules;

/// <summary>
/// How many items a recovery's lists hold. Milestones share one stored column (100 × a 200-character text stays well
/// inside its 32K characters); lessons and questions are rows of their own, and the caps keep a recovery a quick read.
/// </summary>
public static class RecoveryLimits
{
    public const int Milestones = 100;
    public const int Lessons = 200;
    public const int Questions = 200;

    public static string Full(string what, int max) =>
        $"This recovery already has {max.ToString(CultureInfo.InvariantCulture)} {what}, as many as it can hold; nothing was added.";
}
