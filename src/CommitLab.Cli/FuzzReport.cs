using System.Text.Json.Serialization;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary>
/// The JSON line <c>commitlab fuzz --json</c> prints last. A commit-protocol session names its
/// participants, detector and fault kinds; a Tahoe-LAFS session its mode, writers, servers and
/// promise, with <see cref="Violations"/> (broken promises, see <see cref="FuzzPromise"/>) and
/// <see cref="ExpectedFindings"/> (uncoordinated lost updates, not failures). The fields a session
/// has no use for are left out, so each kind of session prints the same line it always has.
/// <see cref="Findings"/> lists every violation and engine error, and the first expected findings.
/// </summary>
public sealed record FuzzReport(
    ulong Seed,
    int Runs,
    string Protocol,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Participants,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detector,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Faults,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Mode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Writers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Servers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Promise,
    IReadOnlyDictionary<string, int> Outcomes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Violations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ExpectedFindings,
    int Errors,
    double RunsPerSecond,
    IReadOnlyList<FuzzFinding> Findings)
{
    /// <summary>Every outcome name of the protocol's runs, zero counts included, so a script can read "violation" or "lost-update" without checking it exists.</summary>
    public static Dictionary<string, int> EmptyCounts(bool tahoe) => tahoe
        ? Enum.GetValues<TahoeOutcome>().ToDictionary(TahoeOutcomes.Name, _ => 0)
        : Enum.GetValues<RunOutcome>().ToDictionary(OutcomeNames.Of, _ => 0);

    /// <summary>How a run ended, in its protocol's words: a Tahoe-LAFS run by its verdict ("lost-update"), a commit protocol's by its outcome ("violation").</summary>
    public static string OutcomeName(RunResult result) =>
        result.Tahoe is { } tahoe ? TahoeOutcomes.Name(tahoe.Outcome) : OutcomeNames.Of(result.Outcome);
}
