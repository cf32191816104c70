using CommitLab.Engine.Protocols;
using CommitLab.Engine.Protocols.ThreePhase;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tests.Protocols;

/// <summary>The protocol truths of 3PC, its termination protocol, and what a timeout detector does to it.</summary>
public class ThreePhaseCommitTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Fault_free_3pc_commits_with_exactly_6n_messages(int n)
    {
        var result = Simulator.Create(Runs.ThreePc(n)).RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Equal(6 * n, result.Messages.Sent);
        Assert.All(result.Decisions.Values, d => Assert.Equal(Outcome.Commit, d));
    }

    [Fact]
    public void A_recovered_participant_keeps_its_recovered_mark_when_its_phase_moves()
    {
        // Participants that hold nothing but their phase share one state per phase; a recovered one
        // must stay marked, because the termination protocol never trusts its report alone.
        var recovered = new ThreePhaseParticipantState(Phase.Uncertain, Recovered: true);

        var moved = recovered.In(Phase.PreCommitted);

        Assert.Equal(new ThreePhaseParticipantState(Phase.PreCommitted, Recovered: true), moved);
        Assert.Equal(new ThreePhaseParticipantState(Phase.Committed), ThreePhaseParticipantState.Of(Phase.Uncertain).In(Phase.Committed));
    }

    [Fact]
    public void Leader_crash_after_pre_committing_only_P1_termination_commits_everywhere()
    {
        var scenario = Runs.ThreePc(3).With(Runs.When("L sends pre-commit to P1", "crash L"));
        var sim = Simulator.Create(scenario);

        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Equal(Outcome.None, result.Decisions["L"]);
        Assert.Equal(Outcome.Commit, result.Decisions["P1"]);
        Assert.Equal(Outcome.Commit, result.Decisions["P2"]);
        Assert.Equal(Outcome.Commit, result.Decisions["P3"]);
        // P1, the lowest id nobody suspects, leads the termination protocol.
        Assert.Contains(sim.Trace.Events, e => e.Kind == TraceKind.Send && e.Node == 1 && e.Message == MessageKind.StateReq);
        Assert.Contains(sim.Trace.Events, e => e.Kind == TraceKind.Send && e.Node == 1 && e.Message == MessageKind.PreCommit);
        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Leader_crash_before_any_pre_commit_termination_aborts()
    {
        var scenario = Runs.ThreePc(3).With(Runs.When("L logs precommit", "crash L"));
        var sim = Simulator.Create(scenario);

        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Equal(Outcome.Abort, result.Decisions["P1"]);
        Assert.Equal(Outcome.Abort, result.Decisions["P2"]);
        Assert.Equal(Outcome.Abort, result.Decisions["P3"]);
        Assert.DoesNotContain(sim.Trace.Events, e => e.Kind == TraceKind.Send && e.Message == MessageKind.PreCommit);
    }

    /// <summary>
    /// L has sent PRE-COMMIT to P1 only when the network splits: P1 becomes pre-committed, the
    /// pre-commits to P2 and P3 are lost on the cut links, so they stay uncertain.
    /// </summary>
    private static Scenario PartitionAfterP1PreCommits(DetectorKind detector) =>
        Runs.ThreePc(3, detector: detector).With(Runs.When("L sends pre-commit to P1", "partition L,P1 | P2,P3"));

    [Fact]
    public void Partition_after_P1_pre_commits_under_a_timeout_detector_breaks_atomicity()
    {
        var sim = Simulator.Create(PartitionAfterP1PreCommits(DetectorKind.Timeout));

        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Violation, result.Outcome);
        Assert.Equal(Outcome.Commit, result.Decisions["L"]);
        Assert.Equal(Outcome.Commit, result.Decisions["P1"]);
        Assert.Equal(Outcome.Abort, result.Decisions["P2"]);
        Assert.Equal(Outcome.Abort, result.Decisions["P3"]);
        Assert.Contains(result.Violations, v => v.StartsWith("atomicity:", StringComparison.Ordinal));
        var conflict = sim.Snapshot().Monitors.Conflict;
        Assert.NotNull(conflict);
        Assert.Contains(conflict.Value.Committed, new[] { "L", "P1" });
        Assert.Contains(conflict.Value.Aborted, new[] { "P2", "P3" });
        Assert.Contains(sim.Trace.Events, e => e.Kind == TraceKind.Suspect && e.Node == 2 && e.Peer == 0);
        Assert.Contains(sim.Trace.Events, e => e.Kind == TraceKind.Violation);
    }

    [Fact]
    public void The_same_partition_under_a_perfect_detector_blocks_instead_and_never_disagrees()
    {
        var sim = Simulator.Create(PartitionAfterP1PreCommits(DetectorKind.Perfect));

        var result = sim.RunToEnd();

        Assert.Empty(result.Violations);
        // P1 is pre-committed but L may not commit while it still trusts P2 and P3: everyone waits.
        Assert.Equal(RunOutcome.Blocked, result.Outcome);
        Assert.Equal(["P1", "P2", "P3"], result.Blocked.ToArray());
        Assert.DoesNotContain(sim.Trace.Events, e => e.Kind == TraceKind.Suspect);
    }

    [Fact]
    public void The_same_partition_under_a_perfect_detector_commits_once_it_heals()
    {
        var result = Simulator.Create(PartitionAfterP1PreCommits(DetectorKind.Perfect).With(Runs.At(2000, "heal all"))).RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Empty(result.Violations);
    }

    [Fact]
    public void A_participant_that_recovers_asks_and_adopts_the_decision_taken_without_it()
    {
        var scenario = Runs.ThreePc(3).With(Runs.When("P3 sends vote-yes", "crash P3"), Runs.At(1500, "recover P3"));
        var sim = Simulator.Create(scenario);

        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        var recovered = sim.IndexOf(e => e.Kind == TraceKind.Recover && e.Node == 3);
        Assert.True(recovered > 0);
        Assert.True(sim.IndexOf(e => e.Kind == TraceKind.Send && e.Node == 3 && e.Message == MessageKind.DecisionReq, recovered) > recovered);
    }
}
