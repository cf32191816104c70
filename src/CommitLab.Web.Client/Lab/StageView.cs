using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab.Narration;

namespace CommitLab.Web.Lab;

/// <summary>
/// What the stage draws, all from one <see cref="LabFrame"/>: the network, the node cards, the
/// narration, the space-time diagram, the monitors, the outcome and the run's counts show the same
/// moment, whichever page (the Lab, a lesson, a console, a student's screen) holds the stage.
/// While a question about the run is open (a poll, a lesson's prediction), what would give the
/// answer away (why the run is stuck) is held back.
/// </summary>
public sealed record StageView(LabFrame Frame, bool QuestionOpen)
{
    public Snapshot Snapshot => Frame.Snapshot;

    /// <summary>Why the run stands still, unless a question about it is open.</summary>
    public Standstill? Standstill => QuestionOpen ? null : Frame.Standstill;

    /// <summary>The narration line kept in view while the run stands still (see <see cref="Narration.Standstill.Cause"/>).</summary>
    public NarrationLine? Pinned => Standstill?.Cause;

    /// <summary>The committed and the aborted node when atomicity broke: the drawing marks both.</summary>
    public (string Committed, string Aborted)? Conflict => Snapshot.Monitors.Conflict;

    /// <summary>Every node's state, vote, decision and log tail at the frame's moment.</summary>
    public GlobalStateVector StateVector { get; } = GlobalStateVector.From(Frame.Snapshot, Frame.Roles);

    /// <summary>The moment shown, as the stage's data attributes carry it for anyone checking that all its parts agree.</summary>
    public TimelinePosition Moment => new(Snapshot.Events, Snapshot.Tick);
}
