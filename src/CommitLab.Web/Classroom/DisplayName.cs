using System.Globalization;
using System.Text;

namespace CommitLab.Web.Classroom;

/// <summary>
/// Cleans a display name a student typed: control and formatting characters out (no invisible
/// text, no right-to-left overrides that scramble the instructor's list), runs of white space
/// collapsed, cut to the limit on a whole character. Pages show it as text, never as markup.
/// "Character" means what a reader sees as one (a text element): an emoji family joined by
/// zero-width joiners, a flag, or a letter with its accents counts once, so the joiner inside an
/// emoji is kept. What one such character may carry is bounded too (accents stacked on one letter,
/// UTF-8 bytes in all), so a name of "one character" cannot be a thousand combining marks tall.
/// </summary>
public static class DisplayName
{
    /// <summary>Accents one character may carry: enough for any script (Vietnamese stacks two), not for a tower.</summary>
    public const int MaxMarksPerCharacter = 4;

    /// <summary>UTF-8 bytes a name may take in all: 40 characters of most scripts, fewer long emoji sequences.</summary>
    public const int MaxBytes = 160;

    /// <summary>UTF-16 units one character may take: the longest emoji sequences in use need under 20.</summary>
    private const int MaxCharacterLength = 32;

    private const int ZeroWidthJoiner = 0x200D;

    public static string? Clean(string? typed, int maxLength)
    {
        if (typed is null)
        {
            return null;
        }

        // Enough for any name; a megabyte of pasted text is not read to the end.
        if (typed.Length > 1_000)
        {
            typed = typed[..(char.IsHighSurrogate(typed[999]) ? 999 : 1_000)];
        }

        var kept = Filter(typed);
        var builder = new StringBuilder(Math.Min(kept.Length, maxLength * 2));
        var count = 0;
        var bytes = 0;
        var elements = StringInfo.GetTextElementEnumerator(kept);
        while (elements.MoveNext() && count < maxLength)
        {
            var element = Bound(elements.GetTextElement());
            var size = Encoding.UTF8.GetByteCount(element);
            if (bytes + size > MaxBytes)
            {
                break;
            }

            builder.Append(element);
            bytes += size;
            count++;
        }

        var name = builder.ToString().Trim();
        return name.EnumerateRunes().Any(Visible) ? name : null;
    }

    /// <summary>Drops what must never be shown and collapses white space; the zero-width joiner stays, it belongs to an emoji.</summary>
    private static string Filter(string typed)
    {
        var builder = new StringBuilder(typed.Length);
        var lastWasSpace = true;
        var previous = new Rune(' ');
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
                previous = rune;
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned
                || (category is UnicodeCategory.Format && (rune.Value != ZeroWidthJoiner || !JoinsEmoji(previous))))
            {
                continue;
            }

            builder.Append(rune.ToString());
            lastWasSpace = false;
            previous = rune;
        }

        return builder.ToString();
    }

    /// <summary>A joiner is kept only after an emoji (or its skin tone or presentation selector), where it builds a family or a profession.</summary>
    private static bool JoinsEmoji(Rune previous) =>
        Rune.GetUnicodeCategory(previous) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol || previous.Value == 0xFE0F;

    /// <summary>One character with at most <see cref="MaxMarksPerCharacter"/> accents and a bounded length; the rest of it is dropped.</summary>
    private static string Bound(string element)
    {
        var builder = new StringBuilder(element.Length);
        var marks = 0;
        foreach (var rune in element.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpacingCombiningMark && ++marks > MaxMarksPerCharacter)
            {
                continue;
            }

            if (builder.Length + rune.Utf16SequenceLength > MaxCharacterLength)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        // A joiner left dangling at the end joins nothing.
        while (builder.Length > 0 && builder[^1] == (char)ZeroWidthJoiner)
        {
            builder.Length--;
        }

        return builder.ToString();
    }

    /// <summary>Something a reader sees: not a space, an accent alone or a joiner.</summary>
    private static bool Visible(Rune rune) =>
        !Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.NonSpacingMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format);
}
