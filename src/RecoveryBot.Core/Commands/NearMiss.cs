namespace RecoveryBot.Core.Commands;

/// <summary>Finds the command a user probably meant: a prefix of it, or a few typos away.</summary>
internal static class NearMiss
{
    private const int MaxWordLength = 32;

    public static string? Closest(string? word, IEnumerable<string> candidates)
    {
        if (string.IsNullOrEmpty(word) || word.Length > MaxWordLength) return null;
        var typed = word.ToLowerInvariant();
        // Short words tolerate one typo; two typos in a three-letter word would match almost anything.
        var tolerance = typed.Length <= 3 ? 1 : 2;
        var names = candidates as IReadOnlyCollection<string> ?? [.. candidates];
        // A prefix only counts when it names one command: `re` could be ready, request, review or reject.
        var prefixed = typed.Length >= 2 && names.Count(n => n.StartsWith(typed, StringComparison.Ordinal)) == 1;
        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var candidate in names)
        {
            var score = prefixed && candidate.StartsWith(typed, StringComparison.Ordinal) ? 0 : Distance(typed, candidate);
            if (score <= tolerance && (score < bestScore || (score == bestScore && string.CompareOrdinal(candidate, best) < 0)))
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
