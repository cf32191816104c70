using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Cli;

/// <summary>The JSON line <c>commitlab run --json</c> prints last; its field names are a contract with scripts and tests.</summary>
/// <param name="Stopped">Null for a run that ended by itself or at maxTicks; the message when it hit its event limit.</param>
public sealed record RunReport(
    string Outcome,
    IReadOnlyDictionary<string, string> Decisions,
    IReadOnlyList<string> Blocked,
    IReadOnlyList<string> Violations,
    MessageReport Messages,
    int ForcedWrites,
    long Ticks,
    long Events,
    string TraceHash,
    ulong Seed,
    bool? ExpectMet,
    string? Stopped)
{
    /// <summary>Live participants that never voted and still hold their locks (see <see cref="RunResult.HoldingLocks"/>).</summary>
    public IReadOnlyList<string> HoldingLocks { get; init; } = [];

    public static RunReport From(Scenario scenario, RunResult result) => new(
        OutcomeNames.Of(result.Outcome),
        // Node order (L, P1, P2, ..., P10, LOG), not the dictionary's sort order, so P10 follows P9.
        OrderedDecisions(scenario, result).ToDictionary(pair => pair.Key, pair => Names.Of(pair.Value)),
        result.Blocked.ToList(),
        result.Violations.ToList(),
        new MessageReport(result.Messages.Sent, result.Messages.Delivered, result.Messages.Dropped),
        result.ForcedWrites,
        result.Ticks,
        result.Events,
        result.TraceHash,
        scenario.Seed,
        scenario.Expect is null ? null : result.Meets(scenario.Expect),
        result.StopMessage)
    {
        HoldingLocks = result.HoldingLocks.ToList(),
    };

    internal static IEnumerable<KeyValuePair<string, Outcome>> OrderedDecisions(Scenario scenario, RunResult result)
    {
        var order = scenario.NodeNames();
        return result.Decisions.OrderBy(pair => order.IndexOf(pair.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(pair => pair.Key, StringComparer.Ordinal);
    }
}

public sealed record MessageReport(int Sent, int Delivered, int Dropped);
