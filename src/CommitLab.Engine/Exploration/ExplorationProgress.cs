namespace CommitLab.Engine.Exploration;

/// <summary>A snapshot while the search runs, for a progress line or bar.</summary>
/// <param name="Depth">The breadth-first level being expanded (initial states are level 1, as TLC counts).</param>
public readonly record struct ExplorationProgress(long DistinctStates, int Depth, double StatesPerSecond, TimeSpan Elapsed);
