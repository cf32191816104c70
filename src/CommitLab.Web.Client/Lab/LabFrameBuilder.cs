using System.Diagnostics;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab.Narration;
using CommitLab.Web.Lab.Network;
using CommitLab.Web.Lab.SpaceTime;

namespace CommitLab.Web.Lab;

/// <summary>
/// Turns a run's current state into a <see cref="LabFrame"/>. Keeps what it built last so the trace-based parts (narration, hash) are only recomputed when the trace grew or
/// moved, and the space-time diagram, which grows with the run and is sent whole, at most twice a
/// second while playing. Not thread-safe: one builder per <see cref="PlaybackSession"/>, called under its lock.
/// </summary>
public sealed class LabFrameBuilder(int narrationLines = LabFrameBuilder.NarrationLines)
{
    public const int NarrationLines = 40;

    /// <summary>
    /// Live diagrams keep the newest 800 items: enough for any run worth watching, cheap to send. The
    /// first moments (PREPARE out, votes back, within 80 ms) get at least 1.5 px per ms rather than
    /// being squeezed into a few pixels by a long run; a long run scrolls instead.
    /// </summary>
    public static readonly SpaceTimeOptions DiagramOptions = new() { MaxItems = 800, MinPixelsPerTick = 1.5 };

    private static readonly TimeSpan DiagramInterval = TimeSpan.FromMilliseconds(500);

    private long seq;
    private object? builtTrace;
    private int narratedCount = -1;
    private IReadOnlyList<NarrationLine> narration = [];
    private string traceHash = "";
    private Standstill? standstill;
    private IReadOnlyList<string> untellable = [];
    private int diagramTraceCount = -1;
    private long diagramTick = -1;
    private long diagramDrawnAt;
    private string spaceTimeSvg = "";
    private object? legendScenario;
    private System.Collections.Immutable.ImmutableArray<LegendEntry> legend = [];

    /// <summary>The frame of the run as it is now; the caller holds whatever lock guards the simulator.</summary>
    public LabFrame Build(Simulator sim, bool playing, double speed)
    {
        ArgumentNullException.ThrowIfNull(sim);
        var snapshot = sim.Snapshot();
        var traceCount = sim.Trace.Count;

        // A new scenario, a seek or a branch replaces the run (and its trace): what was built
        // from the old one is stale even when the new trace happens to be as long.
        if (!ReferenceEquals(sim.Trace, builtTrace))
        {
            builtTrace = sim.Trace;
            narratedCount = -1;
            diagramTraceCount = -1;
        }

        if (traceCount != narratedCount)
        {
            narratedCount = traceCount;
            narration = Narrator.Recent(sim.Trace, snapshot.Protocol, traceCount, narrationLines);
            traceHash = sim.Trace.Hash();
            var state = Standstill.Replay(sim.Trace, traceCount);
            standstill = Standstill.Find(sim.Trace, state, snapshot);
            untellable = Untellable.Find(state);
        }

        var due = !playing || Stopwatch.GetElapsedTime(diagramDrawnAt) >= DiagramInterval;
        if (due && (traceCount != diagramTraceCount || snapshot.Tick != diagramTick))
        {
            diagramDrawnAt = Stopwatch.GetTimestamp();
            diagramTraceCount = traceCount;
            diagramTick = snapshot.Tick;
            spaceTimeSvg = SpaceTimeSvg.RenderInline(SpaceTimeDiagram.Build(sim.Trace, traceCount, snapshot.Tick, DiagramOptions));
        }

        // The scenario changes only with a new run or a fault added by hand, so the legend is worked out once per scenario.
        if (!ReferenceEquals(sim.Scenario, legendScenario))
        {
            legendScenario = sim.Scenario;
            legend = LegendEntry.For(sim.Scenario);
        }

        var roles = Roles.RoleTable.For(sim);
        return new LabFrame(
            ++seq,
            snapshot,
            NetworkView.From(snapshot, roles),
            NodeStateMachine.For(snapshot.Protocol),
            narration,
            spaceTimeSvg,
            traceHash,
            traceCount,
            playing,
            speed)
        {
            Standstill = standstill,
            Untellable = untellable,
            Timeouts = sim.Scenario.Timeouts,
            Legend = legend,
            Roles = roles,
            JudgedAsCommit = sim.Monitors.Any(m => m is CommitLab.Engine.Monitors.AtomicityMonitor),
        };
    }
}
