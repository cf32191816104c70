using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Tests.Properties;

/// <summary>What must hold over thousands of random seeds and fault mixes.</summary>
public class SafetyPropertyTests
{
    [Fact]
    public void Two_phase_commit_never_violates_atomicity_or_validity_whatever_the_faults()
    {
        FaultMixes.Check(
            FaultMixes.Scenarios(ProtocolKind.TwoPhase, DetectorKind.Timeout, nodes => FaultMixes.AnyFaults(nodes, ProtocolKind.TwoPhase), maxLoss: 0.3),
            runs: 3000,
            (_, result) => result.Violations.Length > 0 ? string.Join("; ", result.Violations) : null);
    }

    [Fact]
    public void Three_phase_commit_with_a_perfect_detector_and_crash_failures_never_disagrees_and_never_ends_blocked()
    {
        FaultMixes.Check(
            FaultMixes.Scenarios(ProtocolKind.ThreePhase, DetectorKind.Perfect, FaultMixes.CrashesThatRecover),
            runs: 3000,
            (_, result) => result.Outcome switch
            {
                RunOutcome.Committed or RunOutcome.Aborted => null,
                _ => $"ended {result.Outcome}: {string.Join("; ", result.Violations)} blocked [{string.Join(",", result.Blocked)}]",
            });
    }

    [Fact]
    public void Two_phase_commit_with_crash_failures_that_recover_always_finishes()
    {
        FaultMixes.Check(
            FaultMixes.Scenarios(ProtocolKind.TwoPhase, DetectorKind.Timeout, FaultMixes.CrashesThatRecover),
            runs: 2000,
            (_, result) => result.Outcome is RunOutcome.Committed or RunOutcome.Aborted ? null : $"ended {result.Outcome}");
    }
}
