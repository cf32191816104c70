namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>A vertical line at a round time, with its label ("100 ms").</summary>
public sealed record SpaceTimeGridline(long Tick, double X, string Label);
