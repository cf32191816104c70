using System.Globalization;
using System.Text;

namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>
/// Text and numbers as they may appear in an XML document. Everything user-visible in the exported
/// SVG goes through here: scenario titles are typed by people, and a stray "&lt;" or control
/// character must not make the file unreadable.
/// </summary>
internal static class XmlText
{
    /// <summary>Escapes for element content and attribute values alike; drops characters XML 1.0 forbids.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    sb.Append("&amp;");
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '"':
                    sb.Append("&quot;");
                    break;
                case '\'':
                    sb.Append("&apos;");
                    break;
                case '\t' or '\n' or '\r':
                    sb.Append(c);
                    break;
                case < ' ' or '\uFFFE' or '\uFFFF':
                    break; // not allowed in XML 1.0, not even escaped
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (!char.IsSurrogate(c))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>A coordinate with at most two decimals, invariant culture ("12.5", not "12,5").</summary>
    public static string Num(double value) =>
        double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";
}
