namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>One node's horizontal line in the diagram: time runs left to right along it.</summary>
/// <param name="Index">The node's index in the trace (0 is L).</param>
/// <param name="Y">Vertical position in pixels.</param>
public sealed record SpaceTimeLane(int Index, string Name, double Y);
