using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// What a run takes from its scenario before its first event and never changes: the scenario checked,
/// the node names and their index, each node's role and context. A <see cref="Scenario"/> is
/// immutable (a changed one is a new instance), so runs of the same instance share one setup: a Lab
/// timeline drag, a replay or a benchmark builds a run from the same scenario again and again, and
/// then skips the validation and a third of what building a short run allocates.
/// </summary>
/// <remarks>
/// Shared between runs, so nothing in it may be written after it is built; a run that changes a
/// node's context (a "vote no" fault) copies <see cref="Contexts"/> first.
/// </remarks>
internal sealed class RunSetup
{
    /// <summary>The setup this thread built last, kept for the next run of the same scenario instance.</summary>
    [ThreadStatic]
    private static RunSetup? last;

    /// <summary>The decisions <see cref="Decisions"/> built last, swapped whole so a reader never sees half of one.</summary>
    private DecidedPair? lastDecided;

    private RunSetup(Scenario scenario, int participants)
    {
        Scenario = scenario;
        Names = scenario.NodeNames();
        var nodeCount = Names.Length;
        Index = new Dictionary<string, int>(nodeCount, StringComparer.Ordinal);
        for (var i = 0; i < nodeCount; i++)
        {
            Index[Names[i]] = i;
        }

        var ids = new int[participants];
        for (var p = 0; p < participants; p++)
        {
            ids[p] = p + 1;
        }

        var participantIds = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(ids);
        var outcomeLog = Simulator.OutcomeLogIndex(scenario, participants);
        Roles = new ProtocolRole[nodeCount];
        Narrates = new bool[nodeCount];
        Contexts = new NodeContext[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            Roles[i] = Simulator.RoleOf(scenario.Protocol, i, outcomeLog, participants, scenario.Tahoe);
            Narrates[i] = Roles[i].Narrates;
            Contexts[i] = Simulator.ContextOf(scenario, i, Names, participantIds, outcomeLog, scenario.Tahoe);
        }

    }

    public Scenario Scenario { get; }

    public ImmutableArray<string> Names { get; }

    /// <summary>Node index by name; only read once built.</summary>
    public Dictionary<string, int> Index { get; }

    public ProtocolRole[] Roles { get; }

    public bool[] Narrates { get; }

    /// <summary>Each node's context as the scenario sets it; copy before changing one.</summary>
    public NodeContext[] Contexts { get; }

    /// <summary>Per monitor, a bit per trace kind it watches, as the first run of this setup asked them; see <see cref="MonitorKinds"/>.</summary>
    private ulong[]? monitorKinds;

    /// <summary>
    /// Per monitor of a run, a bit per <see cref="Tracing.TraceKind"/> it watches. A scenario gets
    /// monitors of the same kinds, built alike, on every run, so the answer of the first run's is
    /// kept rather than asking each monitor about every kind again on every run. Never written once
    /// published, so runs on other threads may read it.
    /// </summary>
    public ulong[] MonitorKinds(ImmutableArray<Monitors.IMonitor> monitors, Tracing.TraceKind[] kinds)
    {
        if (monitorKinds is { } known && known.Length == monitors.Length)
        {
            return known;
        }

        var built = new ulong[monitors.Length];
        for (var m = 0; m < monitors.Length; m++)
        {
            foreach (var kind in kinds)
            {
                built[m] |= monitors[m].Watches(kind) ? 1UL << (int)kind : 0;
            }
        }

        monitorKinds = built;
        return built;
    }

    /// <summary>
    /// L's and every participant's decision by name, as <see cref="RunResult.Decisions"/> holds them.
    /// The last one built is kept and handed out again while the decisions are the same (runs of one
    /// scenario nearly always end alike), since a sorted dictionary is most of what a result costs.
    /// </summary>
    public ImmutableSortedDictionary<string, Outcome> Decisions(ReadOnlySpan<Outcome> decisions, int participants)
    {
        var known = lastDecided; // one read: another thread may swap in its own pair meanwhile
        if (known is not null && decisions[..(participants + 1)].SequenceEqual(known.Decisions))
        {
            return known.Dictionary;
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, Outcome>(StringComparer.Ordinal);
        for (var i = 0; i <= participants; i++)
        {
            builder[Names[i]] = decisions[i];
        }

        var built = builder.ToImmutable();
        lastDecided = new DecidedPair(decisions[..(participants + 1)].ToArray(), built);
        return built;
    }

    /// <summary>
    /// The checked setup of <paramref name="scenario"/>: the one this thread built last when it is for
    /// the same instance, else a new one. Throws <see cref="ScenarioException"/> when the scenario
    /// breaks a rule or a bound.
    /// </summary>
    public static RunSetup For(Scenario scenario, int participants)
    {
        if (last is { } known && ReferenceEquals(known.Scenario, scenario))
        {
            return known;
        }

        var problems = scenario.Validate();
        if (problems.Count > 0)
        {
            throw ScenarioException.FromProblems(problems);
        }

        return last = new RunSetup(scenario, participants);
    }

    private sealed record DecidedPair(Outcome[] Decisions, ImmutableSortedDictionary<string, Outcome> Dictionary);
}
