using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>A glyph on a lane at one moment: a crash, a decision, a forced write, ...</summary>
/// <param name="Lane">Index into <see cref="SpaceTimeDiagram.Lanes"/>.</param>
/// <param name="Label">A short visible label ("crash", "COMMIT", "PREPARED").</param>
/// <param name="Description">A sentence for the tooltip.</param>
/// <param name="Decision">For <see cref="MarkKind.Decision"/>: commit or abort; None otherwise.</param>
/// <param name="Record">For <see cref="MarkKind.ForcedWrite"/>: the record written; null otherwise.</param>
/// <param name="Peer">For <see cref="MarkKind.Suspect"/>: the suspected node's lane; -1 otherwise.</param>
/// <param name="UntilTick">For <see cref="MarkKind.Freeze"/>: when the node resumes; null otherwise.</param>
public sealed record SpaceTimeMark(
    long Tick,
    int Lane,
    MarkKind Kind,
    string Label,
    string Description,
    double X,
    double Y,
    Outcome Decision = Outcome.None,
    LogRecordKind? Record = null,
    int Peer = -1,
    long? UntilTick = null);
