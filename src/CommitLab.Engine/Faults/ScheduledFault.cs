namespace CommitLab.Engine.Faults;

/// <summary>One entry of a run's fault schedule. <see cref="Line"/> is the scenario-file line, or 0.</summary>
public sealed record ScheduledFault(FaultTiming When, FaultAction Do, int Line = 0);
