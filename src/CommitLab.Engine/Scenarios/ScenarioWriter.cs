using System.Globalization;
using System.Text;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Scenarios;

/// <summary>
/// Writes a scenario in the file format <see cref="ScenarioParser"/> reads, with every key explicit
/// and faults in schedule order, so that a fuzzer's finding or a run exported from the Lab replays
/// exactly: parsing the output gives back the same scenario field by field (fault lines aside,
/// which are where the faults land in the new file).
/// </summary>
public static class ScenarioWriter
{
    public static string ToYaml(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var yaml = new StringBuilder();
        void Line(string text) => yaml.Append(text).Append('\n');

        Line($"title: {Quote(scenario.Title)}");
        Line($"protocol: {Names.Of(scenario.Protocol)}");
        Line($"participants: {Number(scenario.Participants)}");
        Line($"seed: {scenario.Seed.ToString(CultureInfo.InvariantCulture)}");
        Line($"network: {{ latency: [{Number(scenario.Network.LatencyMin)}, {Number(scenario.Network.LatencyMax)}], loss: {Probability(scenario.Network.Loss)} }}");
        Line($"failureDetector: {Names.Of(scenario.FailureDetector)}");
        var t = scenario.Timeouts;
        Line($"timeouts: {{ vote: {Number(t.Vote)}, decision: {Number(t.Decision)}, resend: {Number(t.Resend)}, detector: {Number(t.Detector)} }}");
        Line($"cooperativeTermination: {Bool(scenario.CooperativeTermination)}");
        Line($"outcomeLog: {Bool(scenario.OutcomeLog)}");
        Line($"forcedWrite: {Number(scenario.ForcedWriteTicks)}");
        Line($"maxTicks: {scenario.MaxTicks.ToString(CultureInfo.InvariantCulture)}");

        // Participant order (P2 before P10), so the file reads the way the network is drawn.
        var noVoters = scenario.NoVoters.OrderBy(ParticipantIndex).ThenBy(name => name, StringComparer.Ordinal);
        Line($"votes: {{{string.Join(",", noVoters.Select(name => $" {name}: no"))}{(scenario.NoVoters.IsEmpty ? "" : " ")}}}");

        if (scenario.Faults.IsEmpty)
        {
            Line("faults: []");
        }
        else
        {
            Line("faults:");
            foreach (var fault in scenario.Faults)
            {
                Line($"  - {{ {Timing(fault.When)}, do: {Quote(fault.Do.ToText())} }}");
            }
        }

        if (scenario.Expect is { } expect)
        {
            var parts = new List<string>(2);
            if (expect.Outcome is { } outcome)
            {
                parts.Add($"outcome: {outcome.ToString().ToLowerInvariant()}");
            }

            if (expect.Messages is { } messages)
            {
                parts.Add($"messages: {Number(messages)}");
            }

            Line(parts.Count == 0 ? "expect: {}" : $"expect: {{ {string.Join(", ", parts)} }}");
        }

        return yaml.ToString();
    }

    private static string Timing(FaultTiming timing) => timing switch
    {
        FaultTiming.AtTick at => $"at: {at.Tick.ToString(CultureInfo.InvariantCulture)}",
        FaultTiming.AfterEvent { Tick: { } tick } after =>
            $"afterEvent: {after.Count.ToString(CultureInfo.InvariantCulture)}, at: {tick.ToString(CultureInfo.InvariantCulture)}",
        FaultTiming.AfterEvent after => $"afterEvent: {after.Count.ToString(CultureInfo.InvariantCulture)}",
        FaultTiming.OnTrigger on => $"when: {Quote(on.Trigger.ToText())}",
        _ => throw new ArgumentOutOfRangeException(nameof(timing), timing, "Unknown fault timing."),
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>"R" gives the shortest text that parses back to the same double, so loss survives the round trip exactly.</summary>
    private static string Probability(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static int ParticipantIndex(string name) =>
        name.Length > 1 && name[0] == 'P' && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue;

    /// <summary>A YAML double-quoted string: safe for any title, including ones with ':', '#', quotes or line breaks.</summary>
    internal static string Quote(string text)
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
