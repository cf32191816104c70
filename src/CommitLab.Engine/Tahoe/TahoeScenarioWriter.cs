using System.Globalization;
using System.Text;
using CommitLab.Engine.Scenarios;
using static CommitLab.Engine.Scenarios.YamlText;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// Writes a <see cref="TahoeScenario"/> in the file format <see cref="TahoeScenarioParser"/> reads, so
/// that a fuzzer's finding replays exactly: parsing the output gives back the same scenario field by
/// field (fault lines aside, which are where the faults land in the new file). Every key that shapes
/// the run is written out; <c>resend</c>, <c>poll</c> and <c>forcedWrite</c> only when they differ
/// from the defaults, because most scenarios never touch them and the file should read like the
/// shipped ones.
/// </summary>
public static class TahoeScenarioWriter
{
    private static readonly TahoeScenario Defaults = new();

    public static string ToYaml(TahoeScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var yaml = new StringBuilder();
        void Line(string text) => yaml.Append(text).Append('\n');

        Line($"title: {Quote(scenario.Title)}");
        Line("protocol: tahoe");
        Line($"mode: {TahoeModes.Name(scenario.Mode)}");
        Line($"writers: {Number(scenario.Writers)}");
        Line($"servers: {Number(scenario.Servers)}");
        Line($"seed: {scenario.Seed.ToString(CultureInfo.InvariantCulture)}");
        Line(Network(scenario.Network));

        // Every listed start, even "W1: 0": a listed zero and an unlisted writer run alike, but the
        // round trip promises the same scenario back, not merely the same run.
        Line($"starts: {{{string.Join(",", scenario.Starts.Select(pair => $" {pair.Key}: {Number(pair.Value)}"))}{(scenario.Starts.IsEmpty ? "" : " ")}}}");
        var retry = scenario.Retry;
        Line($"retry: {{ enabled: {Bool(retry.Enabled)}, backoff: [{Number(retry.BackoffMin)}, {Number(retry.BackoffMax)}], limit: {Number(retry.Limit)} }}");
        if (scenario.ResendTicks != Defaults.ResendTicks)
        {
            Line($"resend: {Number(scenario.ResendTicks)}");
        }

        if (scenario.PollTicks != Defaults.PollTicks)
        {
            Line($"poll: {Number(scenario.PollTicks)}");
        }

        if (scenario.ForcedWriteTicks != Defaults.ForcedWriteTicks)
        {
            Line($"forcedWrite: {Number(scenario.ForcedWriteTicks)}");
        }

        Line($"maxTicks: {Number(scenario.MaxTicks)}");
        if (scenario.MaxEvents != Scenario.DefaultMaxEvents)
        {
            Line($"maxEvents: {Number(scenario.MaxEvents)}");
        }
        FaultList(yaml, [.. scenario.Faults.Select(fault => $"{Timing(fault.When)}, do: {Quote(fault.Do.ToText())}")]);
        if (scenario.Expect is { } expect)
        {
            Line(Expect(expect.Outcome is { } outcome ? TahoeOutcomes.Name(outcome) : null, expect.Messages));
        }

        return yaml.ToString();
    }

    private static string Timing(TahoeFaultTiming timing) => timing switch
    {
        TahoeFaultTiming.AtTick at => $"at: {Number(at.Tick)}",
        TahoeFaultTiming.OnSend on => $"when: {Quote(on.TriggerText())}",
        _ => throw new ArgumentOutOfRangeException(nameof(timing), timing, "Unknown fault timing."),
    };
}
