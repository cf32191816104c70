namespace CommitLab.Engine.Scenarios;

/// <summary>
/// "Did you mean ...?" for scenario keys, node names and protocol vocabulary. Someone typing
/// <c>precommit</c> for the message <c>pre-commit</c>, or <c>timeout:</c> for <c>timeouts:</c>,
/// should be told the word they meant, not only that theirs is wrong.
/// </summary>
internal static class Spelling
{
    /// <summary>
    /// The candidate closest to <paramref name="input"/> (case-insensitive edit distance), or null
    /// when none is close enough to be a plausible typo: suggesting an unrelated word misleads more
    /// than it helps.
    /// </summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        var text = input.Trim().ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(text, candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // A third of the word, but at least two edits: "timout" -> "timeouts" is two, "precomitted" one.
        var allowed = Math.Max(2, text.Length / 3);
        return best is not null && bestDistance <= allowed && text.Length > 0 ? best : null;
    }

    /// <summary>"did you mean 'x'? " when there is a close candidate, else the empty string; ready to prefix a list.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } best ? $"did you mean '{best}'? " : "";

    /// <summary>Levenshtein distance; inputs are short words, so the quadratic table is fine. Long inputs are cut first.</summary>
    private static int Distance(string a, string b)
    {
        // Bounded so that a megabyte-long key cannot make the hint itself expensive.
        const int Limit = 64;
        if (a.Length > Limit)
        {
            a = a[..Limit];
        }

        if (b.Length > Limit)
        {
            b = b[..Limit];
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
