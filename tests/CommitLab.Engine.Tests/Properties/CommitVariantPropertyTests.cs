using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using FsCheck;
using FsCheck.Fluent;

namespace CommitLab.Engine.Tests.Properties;

/// <summary>
/// The 2PC variants keep 2PC's guarantees: whatever the presumption, the read-only participants and
/// the prepare timeout, no run disagrees, and with crashes that recover every run finishes.
/// </summary>
public class CommitVariantPropertyTests
{
    /// <summary>A random presumption, a random set of read-only participants and, half the time, a prepare timeout.</summary>
    private static Gen<Scenario> Variants(Gen<Scenario> scenarios) =>
        from scenario in scenarios
        from presume in Gen.Elements(Presumption.Nothing, Presumption.Abort, Presumption.Commit)
        from readers in Gen.ListOf(Gen.Elements(true, false, false), scenario.Participants)
        from prepare in Gen.Elements<int?>(null, null, 50, 150, 400)
        select scenario with
        {
            Presume = presume,
            ReadOnly = readers.Select((isReader, i) => (isReader, name: $"P{i + 1}")).Where(r => r.isReader).Select(r => r.name).ToImmutableHashSet(),
            Timeouts = scenario.Timeouts with { Prepare = prepare },
        };

    [Fact]
    public void No_variant_ever_violates_atomicity_or_validity_whatever_the_faults()
    {
        FaultMixes.Check(
            Variants(FaultMixes.Scenarios(ProtocolKind.TwoPhase, DetectorKind.Timeout, nodes => FaultMixes.AnyFaults(nodes, ProtocolKind.TwoPhase), maxLoss: 0.3)),
            runs: 2000,
            (_, result) => result.Violations.Length > 0 ? string.Join("; ", result.Violations) : null);
    }

    [Fact]
    public void Every_variant_finishes_when_crashed_nodes_recover()
    {
        FaultMixes.Check(
            Variants(FaultMixes.Scenarios(ProtocolKind.TwoPhase, DetectorKind.Timeout, FaultMixes.CrashesThatRecover)),
            runs: 2000,
            (_, result) => result.Outcome is RunOutcome.Committed or RunOutcome.Aborted ? null : $"ended {result.Outcome}");
    }
}
