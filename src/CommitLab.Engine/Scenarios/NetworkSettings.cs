namespace CommitLab.Engine.Scenarios;

/// <summary>Every link's latency range (ticks, inclusive) and the probability that a message is lost.</summary>
public sealed record NetworkSettings(int LatencyMin = 20, int LatencyMax = 40, double Loss = 0.0);
