using System.Text.Json.Serialization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary>
/// The JSON line <c>commitlab run --json</c> prints last; its field names are a contract with scripts
/// and tests. One record for every protocol: a commit protocol's run fills the decisions, blocked,
/// violations, forced writes and holding-locks fields; a Tahoe-LAFS run names its protocol and mode
/// and fills the servers, writers and verdict fields. Fields a protocol does not have are left out of
/// the line, so each family's line reads as it always has.
/// </summary>
public sealed record RunReport
{
    /// <summary>"tahoe" for a Tahoe-LAFS run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Protocol { get; init; }

    /// <summary>How a Tahoe-LAFS run's writers coordinate (see <see cref="Names.TahoeMode"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mode { get; init; }

    public required string Outcome { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Decisions { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Blocked { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Violations { get; init; }

    /// <summary>A Tahoe-LAFS run's servers: the version each holds, or "down".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Servers { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Writers { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ServersAgree { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? LostUpdates { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Conflicts { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Explanation { get; init; }

    public required MessageReport Messages { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ForcedWrites { get; init; }

    public required long Ticks { get; init; }

    public required long Events { get; init; }

    public required string TraceHash { get; init; }

    public required ulong Seed { get; init; }

    /// <summary>Null when the scenario expects nothing.</summary>
    public required bool? ExpectMet { get; init; }

    /// <summary>Null for a run that ended by itself or at maxTicks; the message when it hit its event limit.</summary>
    public required string? Stopped { get; init; }

    /// <summary>Live participants that never voted and still hold their locks (see <see cref="RunResult.HoldingLocks"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? HoldingLocks { get; init; }

    public static RunReport From(Scenario scenario, RunResult result)
    {
        var report = new RunReport
        {
            Outcome = OutcomeNames.Of(result.Outcome),
            Messages = new MessageReport(result.Messages.Sent, result.Messages.Delivered, result.Messages.Dropped),
            Ticks = result.Ticks,
            Events = result.Events,
            TraceHash = result.TraceHash,
            Seed = scenario.Seed,
            ExpectMet = scenario.Expect is null ? null : result.Meets(scenario.Expect),
            Stopped = result.StopMessage,
        };

        if (result.Tahoe is { } verdict)
        {
            return report with
            {
                Protocol = "tahoe",
                Mode = Names.TahoeMode(scenario.Protocol),
                Outcome = TahoeOutcomes.Name(verdict.Outcome),
                Servers = verdict.Servers.ToDictionary(pair => pair.Key, pair => pair.Value),
                Writers = verdict.Writers.ToDictionary(pair => pair.Key, pair => pair.Value),
                ServersAgree = verdict.ServersAgree,
                LostUpdates = [.. verdict.Lost],
                Conflicts = [.. verdict.Conflicts.Select(c => c.ToString())],
                Explanation = verdict.Explanation,
            };
        }

        return report with
        {
            // Node order (L, P1, P2, ..., P10, LOG), not the dictionary's sort order, so P10 follows P9.
            Decisions = OrderedDecisions(scenario, result).ToDictionary(pair => pair.Key, pair => Names.Of(pair.Value)),
            Blocked = result.Blocked.ToList(),
            Violations = result.Violations.ToList(),
            ForcedWrites = result.ForcedWrites,
            HoldingLocks = result.HoldingLocks.ToList(),
        };
    }

    internal static IEnumerable<KeyValuePair<string, Outcome>> OrderedDecisions(Scenario scenario, RunResult result)
    {
        var order = scenario.NodeNames();
        return result.Decisions.OrderBy(pair => order.IndexOf(pair.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(pair => pair.Key, StringComparer.Ordinal);
    }
}

public sealed record MessageReport(int Sent, int Delivered, int Dropped);
