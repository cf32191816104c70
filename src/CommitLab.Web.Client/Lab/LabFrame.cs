using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab.Narration;
using CommitLab.Web.Lab.Network;

namespace CommitLab.Web.Lab;

/// <summary>
/// Everything a read-only view of a run draws at one moment, computed once. A classroom room
/// builds one frame per change and every student's page renders that same frame, so the cost of
/// narration, layout and the space-time diagram does not grow with the size of the room.
/// </summary>
public sealed record LabFrame(
    long Seq,
    Snapshot Snapshot,
    NetworkView Network,
    NodeStateMachine Machine,
    IReadOnlyList<NarrationLine> Narration,
    string SpaceTimeSvg,
    string TraceHash,
    int TraceCount,
    bool Playing,
    double Speed)
{
    /// <summary>Set once nothing but a recovery (or a repaired link) can move the run on.</summary>
    public Standstill? Standstill { get; init; }

    /// <summary>Live participants holding locks that no node that knows the outcome can reach.</summary>
    public IReadOnlyList<string> Untellable { get; init; } = [];

    /// <summary>The run's timeout settings: how long a pending timer ran in full (see <see cref="TimerGauge"/>).</summary>
    public CommitLab.Engine.Scenarios.TimeoutSettings Timeouts { get; init; } = new();

    /// <summary>The network legend's lines: the messages this run can send (see <see cref="Network.LegendEntry.For(CommitLab.Engine.Scenarios.Scenario)"/>).</summary>
    public System.Collections.Immutable.ImmutableArray<Network.LegendEntry> Legend { get; init; } = [];

    /// <summary>Playback paused itself here because the run stands still; stepping or playing goes on.</summary>
    public bool HeldAtStandstill { get; init; }

    /// <summary>
    /// Whether the run's own monitor list (see <c>ProtocolMonitors</c>) holds the commit protocols'
    /// atomicity, validity and blocking monitors; a Tahoe-LAFS run is judged by others.
    /// </summary>
    public bool JudgedAsCommit { get; init; } = true;

    /// <summary>What each node holds and the model's own verdicts, for models whose node cards cannot say it (Tahoe-LAFS); null otherwise.</summary>
    public Roles.RoleTable? Roles { get; init; }
}
