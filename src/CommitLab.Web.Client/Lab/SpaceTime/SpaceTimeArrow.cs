using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>
/// One message as an arrow from the sender's lane at the send tick towards the receiver's lane. A
/// delivered arrow ends on the receiver's lane; a dropped or in-flight one ends part-way, on the
/// straight line to where it would have arrived (at the drop tick or the cursor).
/// </summary>
/// <param name="KindName">The message kind in kebab case ("vote-yes"): for CSS classes and colour keys.</param>
/// <param name="Label">Text drawn on the arrow ("PREPARE", "ACK(COMMIT)"), so colour is never the only cue.</param>
/// <param name="ShortLabel">A few letters for when the arrow is too short for <paramref name="Label"/> ("YES", "D:?").</param>
/// <param name="Description">A sentence for tooltips and screen readers.</param>
/// <param name="FromLane">Index into <see cref="SpaceTimeDiagram.Lanes"/> of the sender.</param>
/// <param name="ToLane">Index into <see cref="SpaceTimeDiagram.Lanes"/> of the receiver.</param>
/// <param name="SentTick">The send tick (x1 in ticks).</param>
/// <param name="EndTick">Arrival, drop or cursor tick (x2 in ticks).</param>
/// <param name="DueTick">When it was (last) due to arrive.</param>
/// <param name="DropReason">Why it was lost, for <see cref="ArrowStatus.Dropped"/>; None otherwise.</param>
public sealed record SpaceTimeArrow(
    long MessageId,
    MessageKind Kind,
    string KindName,
    string Label,
    string ShortLabel,
    string Description,
    int FromLane,
    int ToLane,
    long SentTick,
    long EndTick,
    long DueTick,
    ArrowStatus Status,
    DropReason DropReason,
    double X1,
    double Y1,
    double X2,
    double Y2);
