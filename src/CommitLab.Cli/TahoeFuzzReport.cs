using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary>
/// The JSON line <c>commitlab fuzz --protocol tahoe --json</c> prints last. <see cref="Violations"/>
/// counts broken promises (see <see cref="TahoePromise"/>); <see cref="ExpectedFindings"/> counts
/// uncoordinated lost updates, which are not failures. <see cref="Findings"/> lists every violation
/// and engine error, and the first expected findings as examples.
/// </summary>
public sealed record TahoeFuzzReport(
    ulong Seed,
    int Runs,
    string Protocol,
    string Mode,
    int Writers,
    int Servers,
    string Promise,
    IReadOnlyDictionary<string, int> Outcomes,
    int Violations,
    int ExpectedFindings,
    int Errors,
    double RunsPerSecond,
    IReadOnlyList<FuzzFinding> Findings)
{
    /// <summary>Every outcome name, zero counts included, so a script can read "lost-update" without checking it exists.</summary>
    public static Dictionary<string, int> EmptyCounts() =>
        Enum.GetValues<TahoeOutcome>().ToDictionary(TahoeOutcomes.Name, _ => 0);
}
