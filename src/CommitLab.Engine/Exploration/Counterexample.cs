namespace CommitLab.Engine.Exploration;

/// <summary>One state on a counterexample path and the action that led to it (<c>null</c> for the initial state).</summary>
/// <param name="Code">The model's number for the action (<see cref="Transition{TState}.Action"/>), so a path can be replayed; null for the initial state.</param>
public sealed record CounterexampleStep(string? Action, string State, int? Code = null);

/// <summary>
/// A shortest path from an initial state to a state that breaks a property. Breadth-first search
/// finds no shorter one, and the explorer picks the same one on every run and thread count.
/// </summary>
/// <param name="Steps">The initial state first, then one entry per action taken.</param>
public sealed record Counterexample(IReadOnlyList<CounterexampleStep> Steps)
{
    /// <summary>How many actions the path takes (the initial state is not a step).</summary>
    public int Length => Steps.Count - 1;
}
