namespace CommitLab.Engine.Exploration;

/// <summary>What a search found: counts as TLC reports them, how long it took and what it cost, and one verdict per property.</summary>
/// <param name="Transitions">Steps generated from distinct states, unchanged-state steps included (TLC's "states generated" minus the initial states).</param>
/// <param name="Depth">Breadth-first levels, initial states being level 1, as TLC's "depth of the complete state graph search".</param>
/// <param name="Elapsed">The plain search's time; with symmetry, the second (counting) search is not included.</param>
/// <param name="Complete">False when <see cref="ExplorerOptions.MaxStates"/> stopped the search; <see cref="StopReason"/> says so.</param>
/// <param name="PeakBytes">The most memory the explorer's own tables and frontiers held at once.</param>
/// <param name="Collisions">Distinct states that shared a fingerprint with another; null unless <see cref="ExplorerOptions.CheckCollisions"/>.</param>
/// <param name="SymmetricStates">Distinct states up to permutations of participants; null unless <see cref="ExplorerOptions.Symmetry"/> and the model is symmetric.</param>
public sealed record ExplorationResult(
    string Model,
    long DistinctStates,
    long Transitions,
    int Depth,
    TimeSpan Elapsed,
    bool Complete,
    string? StopReason,
    long PeakBytes,
    long? Collisions,
    long? SymmetricStates,
    IReadOnlyList<PropertyVerdict> Verdicts)
{
    public double StatesPerSecond => DistinctStates / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>The verdict of the named property; throws if the model has none by that name.</summary>
    public PropertyVerdict this[string property] =>
        Verdicts.FirstOrDefault(verdict => verdict.Name == property) ?? throw new KeyNotFoundException($"the model has no property '{property}'");

    public bool AnyViolated => Verdicts.Any(verdict => verdict.Verdict == Verdict.Violated);
}
