using System.Text;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tests.Scenarios;

/// <summary>
/// Seeded mutations of scenario text, the kind of damage a hand edit, a bad copy or a forged link
/// does: characters and lines deleted, duplicated or swapped, YAML punctuation dropped in, the text
/// cut short, numbers made huge and brackets nested deep. The engine's own PRNG drives it, so a seed
/// names one exact sequence of inputs and a failure reproduces from the seed alone.
/// </summary>
internal static class YamlMutator
{
    private static readonly string[] Punctuation =
    [
        "[", "]", "{", "}", ":", ": ", "- ", "\"", "'", "&a ", "*a", "!", "|", ">", "#", ",", "?", "%", "@", "`", "\t", "\n", "\\", "---\n", "<<: ", "!!str ",
    ];

    private static readonly string[] HugeNumbers =
    [
        "99999999999999999999999", "-99999999999999999999999", "9223372036854775808", "-9223372036854775809", "2147483648",
        "1e400", "-1e400", "NaN", ".inf", "0x7fffffff", "-0", "1.5", "-1", "0",
    ];

    /// <summary>One to three mutations of <paramref name="text"/>.</summary>
    public static string Mutate(string text, Prng rng)
    {
        var count = (int)rng.NextInclusive(1, 3);
        for (var i = 0; i < count; i++)
        {
            text = MutateOnce(text, rng);
        }

        return text;
    }

    private static string MutateOnce(string text, Prng rng)
    {
        var at = (int)rng.NextInclusive(0, text.Length);
        switch (rng.NextInclusive(0, 11))
        {
            case 0:
                // Delete a few characters.
                var length = (int)Math.Min(rng.NextInclusive(1, 8), text.Length - at);
                return text.Remove(at, length);
            case 1:
                return text.Insert(at, Pick(Punctuation, rng));
            case 2:
                return text[..at];
            case 3:
                return NumberReplaced(text, rng);
            case 4:
                // Deep nesting, past the reader's depth bound or just under it.
                var depth = (int)rng.NextInclusive(1, 80);
                var open = rng.NextInclusive(0, 1) == 0 ? "[" : "{a: ";
                return text.Insert(at, string.Concat(Enumerable.Repeat(open, depth)));
            case 5:
                // Swap two characters (an 'a' for a ':', a space for a tab, ...).
                if (text.Length < 2)
                {
                    return text;
                }

                var other = (int)rng.NextInclusive(0, text.Length - 1);
                var chars = text.ToCharArray();
                var index = Math.Min(at, text.Length - 1);
                (chars[index], chars[other]) = (chars[other], chars[index]);
                return new string(chars);
            case 6:
                return text.Insert(at, ((char)rng.NextInclusive(0, 0x2FFF)).ToString());
            default:
                return LineMutation(text, rng);
        }
    }

    private static string LineMutation(string text, Prng rng)
    {
        var lines = text.Split('\n').ToList();
        var a = (int)rng.NextInclusive(0, lines.Count - 1);
        var b = (int)rng.NextInclusive(0, lines.Count - 1);
        switch (rng.NextInclusive(0, 4))
        {
            case 0:
                lines.RemoveAt(a);
                break;
            case 1:
                lines.Insert(a, lines[a]);
                break;
            case 2:
                (lines[a], lines[b]) = (lines[b], lines[a]);
                break;
            case 3:
                // Indentation is YAML's structure: shift one line left or right.
                lines[a] = rng.NextInclusive(0, 1) == 0 ? "  " + lines[a] : lines[a].TrimStart();
                break;
            default:
                // A fault line without its closing brace, the classic hand-edit slip.
                lines[a] = lines[a].Replace("}", "", StringComparison.Ordinal);
                break;
        }

        return string.Join('\n', lines);
    }

    private static string NumberReplaced(string text, Prng rng)
    {
        var digits = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]) && (i == 0 || !char.IsAsciiDigit(text[i - 1])))
            {
                digits.Add(i);
            }
        }

        if (digits.Count == 0)
        {
            return text;
        }

        var start = digits[(int)rng.NextInclusive(0, digits.Count - 1)];
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return new StringBuilder(text).Remove(start, end - start).Insert(start, Pick(HugeNumbers, rng)).ToString();
    }

    private static string Pick(string[] options, Prng rng) => options[rng.NextInclusive(0, options.Length - 1)];
}
