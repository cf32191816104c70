using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tests.Protocols;

/// <summary>The protocol truths of 2PC, each pinned to an exact outcome.</summary>
public class TwoPhaseCommitTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Fault_free_2pc_commits_with_exactly_4n_messages(int n)
    {
        var result = Simulator.Create(Runs.TwoPc(n)).RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Equal(4 * n, result.Messages.Sent);
        Assert.Equal(4 * n, result.Messages.Delivered);
        Assert.Equal(0, result.Messages.Dropped);
        Assert.All(result.Decisions.Values, d => Assert.Equal(Outcome.Commit, d));
        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Fault_free_2pc_forces_prepared_before_every_yes_and_commit_before_every_decision()
    {
        var sim = Simulator.Create(Runs.TwoPc(3));
        sim.RunToEnd();
        var events = sim.Trace.Events;

        foreach (var p in new[] { 1, 2, 3 })
        {
            var prepared = sim.IndexOf(e => e.Kind == TraceKind.LogAppend && e.Node == p && e.Record == LogRecordKind.Prepared && e.Forced);
            var vote = sim.IndexOf(e => e.Kind == TraceKind.Send && e.Node == p && e.Message == MessageKind.VoteYes);
            Assert.InRange(prepared, 0, vote - 1);
        }

        var commitLogged = sim.IndexOf(e => e.Kind == TraceKind.LogAppend && e.Node == 0 && e.Record == LogRecordKind.Commit && e.Forced);
        var firstCommitSent = sim.IndexOf(e => e.Kind == TraceKind.Send && e.Node == 0 && e.Message == MessageKind.Commit);
        Assert.InRange(commitLogged, 0, firstCommitSent - 1);
        Assert.Equal(LogRecordKind.End, sim.Snapshot().Node("L").Log[^1].Record);
        Assert.True(events[^1].Tick > 0);
    }

    [Fact]
    public void One_no_vote_aborts_everyone_and_releases_every_lock()
    {
        var scenario = Runs.TwoPc(3) with { NoVoters = ["P2"] };
        var sim = Simulator.Create(scenario);

        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.All(result.Decisions.Values, d => Assert.Equal(Outcome.Abort, d));
        var snapshot = sim.Snapshot();
        Assert.All(snapshot.Nodes, n => Assert.Empty(n.Locks));
        Assert.Equal(3, sim.Trace.Events.Count(e => e.Kind == TraceKind.LockReleased));
        Assert.DoesNotContain(snapshot.Node("P2").Log, e => e.Record == LogRecordKind.Prepared);
    }

    [Fact]
    public void Leader_crash_right_after_logging_commit_blocks_every_participant_holding_locks_even_with_cooperative_termination()
    {
        var scenario = (Runs.TwoPc(3) with { CooperativeTermination = true }).With(Runs.When("L logs commit", "crash L"));
        var sim = Simulator.Create(scenario);

        sim.RunUntil(1500);
        var snapshot = sim.Snapshot();

        Assert.False(snapshot.Node("L").Up);
        foreach (var p in sim.Participants())
        {
            var node = snapshot.Node(p);
            Assert.Equal(Phase.Uncertain, node.Phase);
            Assert.Equal(Outcome.None, node.Decision);
            Assert.Single(node.Locks);
            Assert.NotNull(node.BlockedSince);
        }

        Assert.Equal(3, snapshot.Monitors.Blocked.Length);
        Assert.All(snapshot.Monitors.Blocked, b => Assert.True(b.For > 1000, $"{b.Node} blocked for only {b.For} ticks"));
        Assert.Contains(sim.Trace.Events, e => e.Kind == TraceKind.Send && e.Message == MessageKind.DecisionReq && e.Peer != 0);

        var ended = Simulator.Create(scenario).RunToEnd();
        Assert.Equal(RunOutcome.Blocked, ended.Outcome);
        Assert.Equal(["P1", "P2", "P3"], ended.Blocked.ToArray());
    }

    [Fact]
    public void Stepping_stops_between_the_leaders_forced_commit_and_its_first_commit_message()
    {
        var sim = Simulator.Create(Runs.TwoPc(3));
        while (!sim.Snapshot().Node("L").Log.Any(e => e.Record == LogRecordKind.Commit))
        {
            Assert.True(sim.Step());
        }

        // The decision is durable but nobody has heard it: the window the recovery rules are about.
        Assert.DoesNotContain(sim.Trace.Events, e => e.Kind == TraceKind.Send && e.Message == MessageKind.Commit);
        Assert.True(sim.Snapshot().Node("L").Busy);
        sim.Inject(new Faults.FaultAction.Crash("L"));

        Assert.Equal(RunOutcome.Blocked, sim.RunToEnd().Outcome);
    }

    [Fact]
    public void Leader_that_recovers_after_logging_commit_resends_it_and_everyone_commits()
    {
        var scenario = Runs.TwoPc(3).With(Runs.When("L logs commit", "crash L"), Runs.At(1500, "recover L"));
        var sim = Simulator.Create(scenario);

        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.All(result.Decisions.Values, d => Assert.Equal(Outcome.Commit, d));
        var participantsCommitted = sim.Trace.Events.Where(e => e.Kind == TraceKind.Decision && e.Node > 0).ToList();
        Assert.Equal(3, participantsCommitted.Count);
        Assert.All(participantsCommitted, e => Assert.True(e.Tick > 1500));
        Assert.All(sim.Snapshot().Nodes, n => Assert.Empty(n.Locks));
    }

    [Fact]
    public void Cooperative_termination_aborts_without_the_leader_when_one_participant_never_voted()
    {
        var scenario = Runs.TwoPc(3).With(
            Runs.When("L sends prepare to P2", "drop"),
            Runs.When("L sends prepare to P3", "crash L"));
        var sim = Simulator.Create(scenario);

        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Equal(Outcome.None, result.Decisions["L"]);
        Assert.Equal(Outcome.Abort, result.Decisions["P1"]);
        Assert.Equal(Outcome.Abort, result.Decisions["P2"]);
        Assert.Equal(Outcome.Abort, result.Decisions["P3"]);
        Assert.DoesNotContain(sim.Trace.Events, e => e.Kind == TraceKind.LogAppend && e.Node == 2 && e.Record == LogRecordKind.Prepared);
        Assert.False(sim.Snapshot().Node("L").Up);
    }

    [Fact]
    public void Without_cooperative_termination_the_same_run_blocks()
    {
        var scenario = (Runs.TwoPc(3) with { CooperativeTermination = false }).With(
            Runs.When("L sends prepare to P2", "drop"),
            Runs.When("L sends prepare to P3", "crash L"));

        var result = Simulator.Create(scenario).RunToEnd();

        Assert.Equal(RunOutcome.Blocked, result.Outcome);
        Assert.Equal(["P1", "P3"], result.Blocked.ToArray());
    }

    [Fact]
    public void With_an_outcome_log_participants_learn_the_decision_while_the_leader_is_down()
    {
        var scenario = (Runs.TwoPc(3) with { OutcomeLog = true }).With(Runs.When("LOG logs commit", "crash L"));
        var sim = Simulator.Create(scenario);

        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.False(sim.Snapshot().Node("L").Up);
        foreach (var p in new[] { 1, 2, 3 })
        {
            Assert.Contains(sim.Trace.Events, e => e.Kind == TraceKind.Deliver && e.Node == p && e.Message == MessageKind.Decision
                && e.Decision == Outcome.Commit && sim.Trace.Name(e.Peer) == "LOG");
        }
    }

    [Fact]
    public void Fault_free_2pc_with_an_outcome_log_adds_one_round_trip_to_the_log()
    {
        var result = Simulator.Create(Runs.TwoPc(3) with { OutcomeLog = true }).RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Equal((4 * 3) + 2, result.Messages.Sent);
    }

    [Fact]
    public void Participant_that_crashed_after_voting_yes_finds_prepared_in_its_log_asks_and_commits()
    {
        var scenario = Runs.TwoPc(3).With(Runs.When("P2 sends vote-yes", "crash P2"), Runs.At(800, "recover P2"));
        var sim = Simulator.Create(scenario);

        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Equal(Outcome.Commit, result.Decisions["P2"]);
        var recovered = sim.IndexOf(e => e.Kind == TraceKind.Recover && e.Node == 2);
        var leaderCommitted = sim.IndexOf(e => e.Kind == TraceKind.Decision && e.Node == 0);
        Assert.InRange(leaderCommitted, 0, recovered);
        var uncertainAgain = sim.IndexOf(e => e.Kind == TraceKind.StateChange && e.Node == 2 && e.State == Phase.Uncertain, recovered);
        var asks = sim.IndexOf(e => e.Kind == TraceKind.Send && e.Node == 2 && e.Message == MessageKind.DecisionReq && e.Peer == 0, recovered);
        var commits = sim.IndexOf(e => e.Kind == TraceKind.Decision && e.Node == 2, recovered);
        Assert.True(recovered < uncertainAgain && uncertainAgain < asks && asks < commits, string.Join('\n', sim.Lines()));
    }

    [Fact]
    public void A_vote_timeout_aborts_when_a_participant_is_down()
    {
        var scenario = Runs.TwoPc(3).With(Runs.At(0, "crash P3"));

        var result = Simulator.Create(scenario).RunToEnd();

        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Equal(Outcome.Abort, result.Decisions["L"]);
        Assert.Equal(Outcome.None, result.Decisions["P3"]);
    }
}
