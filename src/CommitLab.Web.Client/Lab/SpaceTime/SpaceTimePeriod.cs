namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>A stretch of a lane during which the node was down or frozen.</summary>
/// <param name="Lane">Index into <see cref="SpaceTimeDiagram.Lanes"/>.</param>
/// <param name="Open">Still going on at the diagram's position: it ends at the cursor.</param>
public sealed record SpaceTimePeriod(int Lane, PeriodKind Kind, long FromTick, long ToTick, double X1, double X2, bool Open);
