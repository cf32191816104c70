namespace CommitLab.Engine.Exploration;

/// <summary>What the explorer concluded about one property.</summary>
public enum Verdict
{
    /// <summary>Checked in every reachable state (or every terminal one) and never false.</summary>
    Holds,

    /// <summary>False somewhere; the verdict carries the shortest path there.</summary>
    Violated,

    /// <summary>The search stopped at its state limit before it could tell.</summary>
    Unknown,
}
