using System.Globalization;
using System.Text;

namespace CommitLab.Web.Classroom;

/// <summary>
/// Cleans a display name a student typed: control and formatting characters out (no invisible
/// text, no right-to-left overrides that scramble the instructor's list), runs of white space
/// collapsed, cut to the limit on a whole character. Pages show it as text, never as markup.
/// </summary>
public static class DisplayName
{
    public static string? Clean(string? typed, int maxLength)
    {
        if (typed is null)
        {
            return null;
        }

        // Enough for any name; a megabyte of pasted text is not read to the end.
        if (typed.Length > 1_000)
        {
            typed = typed[..1_000];
        }

        var builder = new StringBuilder(Math.Min(typed.Length, maxLength * 2));
        var lastWasSpace = true;
        foreach (var rune in typed.EnumerateRunes())
        {
            // White space first: a tab or line break (control characters) still separates two words.
            if (Rune.IsWhiteSpace(rune))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            // Cut on a whole text element: a skin tone, the second half of a flag or an accent
            // belongs to the character before it, so it is kept or dropped with it.
            var before = builder.Length;
            builder.Append(rune.ToString());
            if (new StringInfo(builder.ToString()).LengthInTextElements > maxLength)
            {
                builder.Length = before;
                break;
            }

            lastWasSpace = false;
        }

        var name = builder.ToString().Trim();
        return name.Length == 0 ? null : name;
    }
}
