using System.Globalization;

namespace CommitLab.Web.Lab.Sharing;

/// <summary>
/// Reads numbers and switches from a page's query string. Links get typed, trimmed and edited by hand,
/// so a value that does not read is ignored with a note saying so: the page still opens (the rest of
/// the link is good) instead of failing as a whole, which is what binding them as typed parameters did.
/// </summary>
public static class QueryValue
{
    private const int ShownLength = 24;

    /// <summary>
    /// A whole number from 0 to <paramref name="max"/>, or null when absent; a value that is not one is
    /// null too, with a note for the reader added to <paramref name="notes"/>.
    /// </summary>
    public static long? WholeNumber(string? text, string name, long max, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            var numeric = text.Trim().TrimStart('-', '+') is { Length: > 0 } digits && digits.All(char.IsAsciiDigit);
            notes.Add(numeric
                ? $"The link's {name}= value {Show(text)} is out of range (0 to {max.ToString("N0", CultureInfo.InvariantCulture)}), so it was ignored."
                : $"The link's {name}= value {Show(text)} is not a whole number, so it was ignored.");
            return null;
        }

        if (value < 0 || value > max)
        {
            notes.Add($"The link's {name}= value {Show(text)} is out of range (0 to {max.ToString("N0", CultureInfo.InvariantCulture)}), so it was ignored.");
            return null;
        }

        return value;
    }

    /// <summary>On for "true" (any case, as Blazor's own binding reads it), off when absent; anything else is off with a note.</summary>
    public static bool Switch(string? text, string name, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        if (text is null || bool.TryParse(text.Trim(), out var on) && !on)
        {
            return false;
        }

        if (bool.TryParse(text.Trim(), out _))
        {
            return true;
        }

        notes.Add($"The link's {name}= value {Show(text)} is not true or false, so it was ignored.");
        return false;
    }

    /// <summary>The value as the note quotes it: short, and without line breaks that would break the sentence.</summary>
    private static string Show(string text)
    {
        var flat = string.Concat(text.Select(ch => char.IsControl(ch) ? ' ' : ch));
        return flat.Length <= ShownLength ? $"'{flat}'" : $"'{flat[..ShownLength]}…'";
    }
}
