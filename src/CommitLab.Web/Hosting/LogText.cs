using System.Globalization;
using System.Text;

namespace CommitLab.Web.Hosting;

/// <summary>
/// Text a user typed (a join code, a room id, a name, a question), made safe for one log line:
/// line breaks and other control or formatting characters are written as escapes, so nobody can
/// forge a second log entry or hide text from whoever reads the log, and it is cut to a bound so a
/// pasted megabyte stays a short line. Wrapped in quotes, so an empty or blank value is visible.
/// </summary>
public static class LogText
{
    public const int DefaultMax = 64;

    public static string Safe(string? text, int max = DefaultMax)
    {
        if (text is null)
        {
            return "(none)";
        }

        var builder = new StringBuilder(Math.Min(text.Length, max) + 8);
        builder.Append('"');
        var shown = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (shown == max)
            {
                break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (rune.Value == '\n')
            {
                builder.Append("\\n");
            }
            else if (rune.Value == '\r')
            {
                builder.Append("\\r");
            }
            else if (rune.Value is '"' or '\\')
            {
                builder.Append('\\').Append((char)rune.Value);
            }
            else if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                     or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
            }
            else
            {
                builder.Append(rune.ToString());
            }

            shown++;
        }

        builder.Append('"');
        var total = text.EnumerateRunes().Count();
        if (total > shown)
        {
            builder.Append(CultureInfo.InvariantCulture, $"…(+{total - shown} more)");
        }

        return builder.ToString();
    }
}
