using System.Globalization;
using System.Text;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using static CommitLab.Engine.Scenarios.YamlText;

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
        if (scenario.Tahoe is { } tahoe)
        {
            WriteTahoe(scenario, tahoe, Line);
            FaultList(yaml, [.. scenario.Faults.Select(fault => $"{Timing(fault.When)}, do: {Quote(fault.Do.ToText())}")]);
            if (scenario.Expect is { } tahoeExpect)
            {
                Line(Expect(tahoeExpect.Tahoe is { } outcome ? Tahoe.TahoeOutcomes.Name(outcome) : null, tahoeExpect.Messages));
            }

            return yaml.ToString();
        }

        Line($"participants: {Number(scenario.Participants)}");
        if (scenario.Protocol == ProtocolKind.PaxosCommit)
        {
            // Only for Paxos Commit, so every 2PC and 3PC file the writer produced before reads the same.
            Line($"acceptors: {Number(scenario.Acceptors)}");
        }

        Line($"seed: {scenario.Seed.ToString(CultureInfo.InvariantCulture)}");
        Line(Network(scenario.Network));
        Line($"failureDetector: {Names.Of(scenario.FailureDetector)}");
        var t = scenario.Timeouts;
        Line($"timeouts: {{ vote: {Number(t.Vote)}, decision: {Number(t.Decision)}, resend: {Number(t.Resend)}, detector: {Number(t.Detector)}, prepare: {(t.Prepare is { } prepare ? Number(prepare) : "off")} }}");
        Line($"cooperativeTermination: {Bool(scenario.CooperativeTermination)}");
        Line($"outcomeLog: {Bool(scenario.OutcomeLog)}");
        Line($"forcedWrite: {Number(scenario.ForcedWriteTicks)}");
        Line($"maxTicks: {Number(scenario.MaxTicks)}");
        if (scenario.MaxEvents != Scenario.DefaultMaxEvents)
        {
            // Only when changed: every shared link and saved finding would grow by a line otherwise.
            Line($"maxEvents: {Number(scenario.MaxEvents)}");
        }

        // Participant order (P2 before P10), so the file reads the way the network is drawn.
        var noVoters = scenario.NoVoters.OrderBy(ParticipantIndex).ThenBy(name => name, StringComparer.Ordinal);
        Line($"votes: {{{string.Join(",", noVoters.Select(name => $" {name}: no"))}{(scenario.NoVoters.IsEmpty ? "" : " ")}}}");

        Line($"presume: {Names.Of(scenario.Presume)}");
        var readers = scenario.ReadOnly.OrderBy(ParticipantIndex).ThenBy(name => name, StringComparer.Ordinal);
        Line($"readOnly: [{string.Join(", ", readers)}]");

        FaultList(yaml, [.. scenario.Faults.Select(fault => $"{Timing(fault.When)}, do: {Quote(fault.Do.ToText())}")]);
        if (scenario.Expect is { } expect)
        {
            Line(Expect(expect.Outcome?.ToString().ToLowerInvariant(), expect.Messages));
        }

        return yaml.ToString();
    }

    /// <summary>A Tahoe-LAFS run: its section instead of the commit protocols' participants, timeouts and votes.</summary>
    private static void WriteTahoe(Scenario scenario, Tahoe.TahoeSettings tahoe, Action<string> line)
    {
        var starts = string.Join(", ", tahoe.Starts.Select(pair => $"{pair.Key}: {pair.Value.ToString(CultureInfo.InvariantCulture)}"));
        var retry = tahoe.Retry;
        line($"tahoe: {{ writers: {Number(tahoe.Writers)}, servers: {Number(tahoe.Servers)}, starts: {{{(starts.Length == 0 ? "" : $" {starts} ")}}}, " +
             $"retry: {{ enabled: {Bool(retry.Enabled)}, backoff: [{Number(retry.BackoffMin)}, {Number(retry.BackoffMax)}], limit: {Number(retry.Limit)} }}, " +
             $"resend: {Number(tahoe.ResendTicks)}, poll: {Number(tahoe.PollTicks)} }}");
        line($"seed: {scenario.Seed.ToString(CultureInfo.InvariantCulture)}");
        line(Network(scenario.Network));
        line($"forcedWrite: {Number(scenario.ForcedWriteTicks)}");
        line($"maxTicks: {Number(scenario.MaxTicks)}");
        if (scenario.MaxEvents != Scenario.DefaultMaxEvents)
        {
            line($"maxEvents: {Number(scenario.MaxEvents)}");
        }
    }

    private static string Timing(FaultTiming timing) => timing switch
    {
        FaultTiming.AtTick at => $"at: {Number(at.Tick)}",
        FaultTiming.AfterEvent { Tick: { } tick } after => $"afterEvent: {Number(after.Count)}, at: {Number(tick)}",
        FaultTiming.AfterEvent after => $"afterEvent: {Number(after.Count)}",
        FaultTiming.OnTrigger on => $"when: {Quote(on.Trigger.ToText())}",
        _ => throw new ArgumentOutOfRangeException(nameof(timing), timing, "Unknown fault timing."),
    };

    private static int ParticipantIndex(string name) =>
        name.Length > 1 && name[0] == 'P' && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue;
}
