namespace CommitLab.Cli;

/// <summary>The JSON line <c>commitlab explore --json</c> prints last.</summary>
/// <param name="Properties">atomicity, validity and nonblocking, each <c>holds</c>, <c>violated</c> or (when the state limit stopped the search) <c>unknown</c>.</param>
/// <param name="Counterexamples">Per violated property, the actions of its shortest path in order.</param>
/// <param name="TypeOK">The reference models' type invariant; null for a scenario.</param>
/// <param name="ScenarioFiles">For a scenario, per violated property, the scenario file its counterexample was written to.</param>
/// <param name="SymmetricStates">Distinct states up to renaming the RMs, with <c>--symmetry</c>.</param>
public sealed record ExploreReport(
    string Model,
    int Rms,
    long DistinctStates,
    long? SymmetricStates,
    long Transitions,
    int Depth,
    double Seconds,
    double StatesPerSecond,
    long ExplorerBytes,
    long PeakWorkingSetBytes,
    bool Complete,
    string? TypeOK,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Counterexamples,
    IReadOnlyDictionary<string, string>? ScenarioFiles = null);
