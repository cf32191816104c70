using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tests.Simulation;

/// <summary>The API the Lab drives: step, run to a tick, inject a fault now, snapshot, replay, branch.</summary>
public class ReplayAndInjectionTests
{
    [Fact]
    public void Stepping_one_event_at_a_time_gives_the_same_run_as_running_to_the_end()
    {
        var stepped = Simulator.Create(Runs.TwoPc(3));
        var steps = 0;
        while (stepped.Step())
        {
            steps++;
        }

        var whole = Simulator.Create(Runs.TwoPc(3)).RunToEnd();

        Assert.Equal(whole.TraceHash, stepped.Result().TraceHash);
        Assert.Equal(whole.Events, steps);
    }

    [Fact]
    public void A_triggered_fault_is_listed_as_fired_from_the_moment_it_strikes_and_one_whose_moment_never_comes_is_not()
    {
        var crash = Runs.When("L logs commit", "crash L");
        var never = Runs.When("P1 logs abort", "crash P2");
        var sim = Simulator.Create(Runs.TwoPc(3).With(crash, never));

        Assert.Empty(sim.FiredTriggerFaults());
        while (!sim.FiredTriggerFaults().Any() && sim.Step())
        {
        }

        Assert.Equal([crash], sim.FiredTriggerFaults());
        Assert.False(sim.Snapshot().Node("L").Up);
        sim.RunToEnd();
        Assert.Equal([crash], sim.FiredTriggerFaults());
    }

    [Fact]
    public void The_first_snapshot_shows_prepares_in_flight_and_every_participant_working_with_its_lock()
    {
        var snapshot = Simulator.Create(Runs.TwoPc(3)).Snapshot();

        Assert.Equal(0, snapshot.Tick);
        Assert.Equal(["prepare", "prepare", "prepare"], snapshot.InFlight.Select(m => Names.Of(m.Kind)).ToArray());
        Assert.All(snapshot.InFlight, m => Assert.InRange(m.DeliverAt, 20, 40));
        Assert.Equal(["L", "P1", "P2", "P3"], snapshot.Nodes.Select(n => n.Name).ToArray());
        Assert.Equal("coordinator", snapshot.Node("L").Role);
        Assert.All(snapshot.Nodes.Skip(1), n => Assert.Equal([new LockHold("T1", 0)], n.Locks.ToArray()));
        Assert.Equal([TimerKind.Vote, TimerKind.Resend], snapshot.Node("L").Timers.Select(t => t.Timer).ToArray());
        Assert.Equal(12, snapshot.Links.Length);
        Assert.Null(snapshot.Outcome);
    }

    [Fact]
    public void A_fault_injected_mid_run_is_recorded_and_replaying_the_recording_gives_the_same_trace()
    {
        var live = Simulator.Create(Runs.TwoPc(3));
        live.RunUntil(63);
        var inFlight = live.Snapshot().InFlight;
        Assert.NotEmpty(inFlight);
        live.Inject(new FaultAction.Drop(inFlight[0].Id));
        live.RunUntil(90);
        live.Inject(new FaultAction.Crash("L"));
        live.RunUntil(400);
        live.Inject(new FaultAction.Recover("L"));
        var result = live.RunToEnd();

        var replay = Simulator.Create(live.Recorded()).RunToEnd();

        Assert.Equal(3, live.Schedule.Count);
        Assert.All(live.Schedule, f => Assert.IsType<FaultTiming.AfterEvent>(f.When));
        Assert.Equal(result.TraceHash, replay.TraceHash);
        Assert.Contains(live.Trace.Events, e => e.Kind == TraceKind.Drop && e.Reason == DropReason.Injected);

        // The recording survives the trip through a scenario file (how a shared link or an export carries it).
        var yaml = ScenarioWriter.ToYaml(live.Recorded());
        Assert.Contains("afterEvent:", yaml, StringComparison.Ordinal);
        Assert.Equal(result.TraceHash, Simulator.Create(ScenarioParser.Parse(yaml, "recorded.yaml")).RunToEnd().TraceHash);
    }

    [Fact]
    public void Scrubbing_back_and_injecting_a_different_fault_starts_a_branch_that_leaves_the_original_alone()
    {
        var original = Simulator.Create(Runs.TwoPc(3));
        var originalResult = original.RunToEnd();
        var decidedAt = original.Trace.Events.First(e => e.Kind == TraceKind.Decision && e.Node == 0);

        // Scrub back to just after L decided, then crash L there: a branch.
        var branch = Simulator.Create(original.Recorded());
        branch.RunUntilEvent(decidedAt.Step);
        branch.Inject(new FaultAction.Crash("L"));
        var branchResult = branch.RunToEnd();

        Assert.Equal(RunOutcome.Committed, originalResult.Outcome);
        Assert.NotEqual(originalResult.TraceHash, branchResult.TraceHash);
        Assert.Equal(originalResult.TraceHash, Simulator.Create(original.Recorded()).RunToEnd().TraceHash);
        var prefix = original.Trace.Events.TakeWhile(e => e.Step <= decidedAt.Step).Select(e => original.Trace.Line(e)).ToList();
        Assert.Equal(prefix, branch.Trace.Events.Take(prefix.Count).Select(e => branch.Trace.Line(e)).ToList());
    }

    [Fact]
    public void Delaying_a_message_in_flight_moves_its_arrival()
    {
        var sim = Simulator.Create(Runs.TwoPc(1));
        var prepare = sim.Snapshot().InFlight.Single();

        sim.Inject(new FaultAction.Delay(100, prepare.Id));

        var delayed = sim.Snapshot().InFlight.Single();
        Assert.Equal(prepare.DeliverAt + 100, delayed.DeliverAt);
        sim.RunToEnd();
        var delivered = sim.Trace.Events.First(e => e.Kind == TraceKind.Deliver && e.MessageId == prepare.Id);
        Assert.Equal(prepare.DeliverAt + 100, delivered.Tick);
    }

    [Fact]
    public void Cutting_a_link_loses_what_is_in_flight_on_it_and_shows_the_link_down()
    {
        var sim = Simulator.Create(Runs.TwoPc(2));

        sim.Inject(new FaultAction.Cut("L", "P1", BothWays: false));

        var snapshot = sim.Snapshot();
        Assert.False(snapshot.Links.Single(l => l is { From: "L", To: "P1" }).Up);
        Assert.True(snapshot.Links.Single(l => l is { From: "P1", To: "L" }).Up);
        Assert.DoesNotContain(snapshot.InFlight, m => m.To == "P1");
        Assert.Contains(sim.Trace.Events, e => e.Kind == TraceKind.Drop && e.Reason == DropReason.LinkCut);
    }

    [Fact]
    public void A_frozen_node_handles_nothing_until_it_resumes_and_a_timeout_detector_suspects_it_meanwhile()
    {
        var sim = Simulator.Create(Runs.ThreePc(2, detector: DetectorKind.Timeout).With(Runs.At(1, "freeze P2 for 1000")));

        sim.RunUntil(500);

        var snapshot = sim.Snapshot();
        Assert.True(snapshot.Node("P2").Frozen);
        Assert.Equal(Phase.Working, snapshot.Node("P2").Phase);
        Assert.Contains("P2", snapshot.Node("L").Suspects);
        Assert.Equal(Outcome.Abort, snapshot.Node("L").Decision);
    }

    [Fact]
    public void Injecting_a_fault_on_an_unknown_node_or_a_message_not_in_flight_is_refused_and_changes_nothing()
    {
        var sim = Simulator.Create(Runs.TwoPc(2));
        var before = sim.Trace.Count;

        var unknown = Assert.Throws<ArgumentException>(() => sim.Inject(new FaultAction.Crash("P9")));
        var gone = Assert.Throws<ArgumentException>(() => sim.Inject(new FaultAction.Drop(999)));

        Assert.Contains("unknown node 'P9'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("#999 is not in flight", gone.Message, StringComparison.Ordinal);
        Assert.Equal(before, sim.Trace.Count);
        Assert.Empty(sim.Schedule);
    }

    [Fact]
    public void Vote_no_injected_before_the_prepare_arrives_aborts_the_run()
    {
        var sim = Simulator.Create(Runs.TwoPc(3));
        sim.Inject(new FaultAction.VoteNo("P3"));

        Assert.Equal(RunOutcome.Aborted, sim.RunToEnd().Outcome);
        Assert.True(sim.Snapshot().Node("P3").VotesNo);
    }

    [Fact]
    public void A_vote_no_injected_into_one_run_does_not_reach_the_next_run_of_the_same_scenario()
    {
        // Runs of one scenario instance share its setup (names, roles, node contexts) and the last
        // decisions they reported; what one run's faults change must stay in that run.
        var scenario = Runs.TwoPc(3);
        var first = Simulator.Create(scenario);
        first.Inject(new FaultAction.VoteNo("P3"));
        var aborted = first.RunToEnd();

        var second = Simulator.Create(scenario);
        var committed = second.RunToEnd();

        Assert.Equal(RunOutcome.Aborted, aborted.Outcome);
        Assert.Equal(Outcome.Abort, aborted.Decisions["P1"]);
        Assert.Equal(RunOutcome.Committed, committed.Outcome);
        Assert.All(committed.Decisions.Values, d => Assert.Equal(Outcome.Commit, d));
        Assert.False(second.Snapshot().Node("P3").VotesNo);
    }
}
