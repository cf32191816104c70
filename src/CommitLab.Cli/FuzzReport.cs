using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Cli;

/// <summary>The JSON line <c>commitlab fuzz --json</c> prints last.</summary>
public sealed record FuzzReport(
    ulong Seed,
    int Runs,
    string Protocol,
    int Participants,
    string Detector,
    IReadOnlyList<string> Faults,
    IReadOnlyDictionary<string, int> Outcomes,
    int Errors,
    double RunsPerSecond,
    IReadOnlyList<FuzzFinding> Findings)
{
    /// <summary>Every outcome name, zero counts included, so a script can read "violation" without checking it exists.</summary>
    public static Dictionary<string, int> EmptyCounts() =>
        Enum.GetValues<RunOutcome>().ToDictionary(OutcomeNames.Of, _ => 0);
}
