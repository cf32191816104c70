using CommitLab.Engine.Monitors;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Protocols;

namespace CommitLab.Engine.Tests.Simulation;

/// <summary>Each protocol names the monitors that judge it; the run and its snapshot show exactly those.</summary>
public class MonitorListTests
{
    [Theory]
    [InlineData(ProtocolKind.TwoPhase)]
    [InlineData(ProtocolKind.ThreePhase)]
    public void Commit_protocols_are_judged_by_validity_atomicity_and_blocking(ProtocolKind protocol)
    {
        var sim = Simulator.Create(Runs.TwoPc(3) with { Protocol = protocol });

        Assert.Equal(["validity", "atomicity", "blocking"], sim.Monitors.Select(m => m.Name));
        Assert.Equal(["validity", "atomicity", "blocking"], ProtocolMonitors.For(protocol, 3, sim.NodeNames).Select(m => m.Name));
    }

    [Fact]
    public void The_snapshot_lists_every_monitors_verdict_and_a_broken_property_reads_as_broken()
    {
        var sim = Simulator.Create(Runs.ThreePc(3, detector: DetectorKind.Timeout).With(Runs.When("L sends pre-commit to P1", "partition L,P1 | P2,P3")));

        var before = sim.Snapshot().Monitors.Verdicts;
        sim.RunToEnd();
        var after = sim.Snapshot().Monitors;

        Assert.All(before, v => Assert.True(v.Holds));
        Assert.Equal([new MonitorVerdict("validity", true), new MonitorVerdict("atomicity", false), new MonitorVerdict("blocking", true)], after.Verdicts.ToArray());
        Assert.False(after.Atomicity);
        Assert.True(after.Validity);
    }

    [Fact]
    public void A_result_names_the_monitors_its_run_broke_so_a_fuzzer_needs_no_more_than_the_result()
    {
        var partitioned = Runs.ThreePc(3, detector: DetectorKind.Timeout).With(Runs.When("L sends pre-commit to P1", "partition L,P1 | P2,P3"));

        var broken = Simulator.Run(partitioned);
        var clean = Simulator.Run(Runs.ThreePc(3, detector: DetectorKind.Timeout));

        Assert.Equal(RunOutcome.Violation, broken.Outcome);
        Assert.Equal(["atomicity"], broken.Broken.ToArray());
        Assert.Empty(clean.Broken);
    }
}
