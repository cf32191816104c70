using System.Globalization;
using System.Text;

namespace CommitLab.Engine.Scenarios;

/// <summary>
/// The pieces of YAML that both scenario writers (<see cref="ScenarioWriter"/> and the Tahoe-LAFS one)
/// spell the same way, so that a value written by either reads back exactly through its parser.
/// </summary>
internal static class YamlText
{
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>"R" gives the shortest text that parses back to the same double, so loss survives the round trip exactly.</summary>
    public static string Probability(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>The <c>network:</c> line; both formats share its keys.</summary>
    public static string Network(NetworkSettings network) =>
        $"network: {{ latency: [{Number(network.LatencyMin)}, {Number(network.LatencyMax)}], loss: {Probability(network.Loss)} }}";

    /// <summary>
    /// The <c>faults:</c> key and one line per fault (each a flow mapping's inside, such as
    /// <c>at: 30, do: "crash S2"</c>); an empty schedule is written as <c>faults: []</c>.
    /// </summary>
    public static void FaultList(StringBuilder yaml, IReadOnlyCollection<string> faults)
    {
        if (faults.Count == 0)
        {
            yaml.Append("faults: []\n");
            return;
        }

        yaml.Append("faults:\n");
        foreach (var fault in faults)
        {
            yaml.Append("  - { ").Append(fault).Append(" }\n");
        }
    }

    /// <summary>
    /// The <c>expect:</c> line. An expectation with neither part is written as <c>expect: {}</c>, so it
    /// stays distinct from no expectation at all.
    /// </summary>
    public static string Expect(string? outcome, int? messages)
    {
        var parts = new List<string>(2);
        if (outcome is not null)
        {
            parts.Add($"outcome: {outcome}");
        }

        if (messages is { } count)
        {
            parts.Add($"messages: {Number(count)}");
        }

        return parts.Count == 0 ? "expect: {}" : $"expect: {{ {string.Join(", ", parts)} }}";
    }

    /// <summary>A YAML double-quoted string: safe for any title, including ones with ':', '#', quotes or line breaks.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    // Control characters and the Unicode line separators would otherwise break or fold the line.
                    if (char.IsControl(ch) || ch is '\u2028' or '\u2029')
                    {
                        quoted.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(ch);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
