using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tests.Protocols;

/// <summary>
/// Paxos Commit (Gray and Lamport 2006) on the engine: what it costs without faults, that it finishes
/// without L while a majority of acceptors is up, and that it blocks when that majority is gone.
/// </summary>
public class PaxosCommitTests
{
    private static Scenario Paxos(int participants, int acceptors, ulong seed = 7) =>
        new() { Title = "test", Protocol = ProtocolKind.PaxosCommit, Participants = participants, Acceptors = acceptors, Seed = seed };

    /// <summary>
    /// Fault-free commit with 2F+1 acceptors: n prepares, n(2F+1) phase 2a, n(2F+1) phase 2b and n
    /// commits, 4n(F+1) messages; n PREPARED records plus one forced acceptance per acceptor per vote,
    /// 2n(F+1) forced writes.
    /// </summary>
    [Theory]
    [InlineData(3, 0, 12, 6)]
    [InlineData(3, 1, 24, 12)]
    [InlineData(3, 2, 36, 18)]
    [InlineData(5, 0, 20, 10)]
    [InlineData(5, 1, 40, 20)]
    [InlineData(5, 2, 60, 30)]
    public void A_fault_free_commit_costs_4n_times_F_plus_1_messages(int n, int f, int messages, int forced)
    {
        var result = Simulator.Create(Paxos(n, (2 * f) + 1)).RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Equal(messages, result.Messages.Sent);
        Assert.Equal(forced, result.ForcedWrites);
        Assert.Equal(Outcome.Commit, result.Decisions["L"]);
    }

    /// <summary>
    /// Message delays to the participants' decision, with every message taking exactly 10 ticks and
    /// writes taking none: 2PC needs 3 (prepare, vote, commit), Paxos Commit 4 (prepare, phase 2a,
    /// phase 2b, commit), whatever F is: the extra acceptors are reached in parallel.
    /// </summary>
    [Theory]
    [InlineData(ProtocolKind.TwoPhase, 0, 30)]
    [InlineData(ProtocolKind.PaxosCommit, 1, 40)]
    [InlineData(ProtocolKind.PaxosCommit, 3, 40)]
    [InlineData(ProtocolKind.PaxosCommit, 5, 40)]
    public void Participants_learn_the_outcome_after_3_message_delays_in_2pc_and_4_in_paxos_commit(ProtocolKind protocol, int acceptors, long decidedAt)
    {
        var scenario = new Scenario
        {
            Title = "test", Protocol = protocol, Participants = 3, Acceptors = acceptors, Seed = 7,
            Network = new NetworkSettings { LatencyMin = 10, LatencyMax = 10 }, ForcedWriteTicks = 0,
        };
        var sim = Simulator.Create(scenario);
        sim.RunToEnd();

        var lastDecision = sim.Trace.Events.Where(e => e.Kind == TraceKind.Decision && sim.NodeNames[e.Node].StartsWith('P')).Max(e => e.Tick);
        Assert.Equal(decidedAt, lastDecision);
    }

    /// <summary>
    /// F = 0 is 2PC: put A1 on L's machine and the L-A1 messages cost nothing. What is left is a prepare,
    /// a vote (the phase 2a to A1) and a decision per participant: 3n, 2PC's count without its acks.
    /// </summary>
    [Fact]
    public void With_one_acceptor_on_Ls_machine_it_sends_what_2pc_sends_without_acks()
    {
        var paxos = Simulator.Create(Paxos(3, 1));
        paxos.RunToEnd();
        var twoPc = Simulator.Create(Runs.TwoPc(3, seed: 7));
        twoPc.RunToEnd();

        var sends = paxos.Trace.Events.Where(e => e.Kind == TraceKind.Send).ToList();
        var colocated = sends.Count(e => (paxos.NodeNames[e.Node], paxos.NodeNames[e.Peer]) is not (("L", "A1") or ("A1", "L")));
        var twoPcWithoutAcks = twoPc.Trace.Events.Count(e => e.Kind == TraceKind.Send && e.Message != MessageKind.Ack);

        Assert.Equal(9, colocated);
        Assert.Equal(9, twoPcWithoutAcks);
        Assert.Equal(3, sends.Count(e => e.Message == MessageKind.Phase2b && paxos.NodeNames[e.Node] == "A1"));
    }

    [Fact]
    public void A_no_vote_is_proposed_as_aborted_and_the_transaction_aborts()
    {
        var result = Simulator.Create(Paxos(3, 3) with { NoVoters = ["P2"] }).RunToEnd();

        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Equal(Outcome.Abort, result.Decisions["L"]);
        Assert.Empty(result.Violations);
    }

    [Fact]
    public void When_L_crashes_after_an_acceptor_accepted_P1_leads_ballot_5_and_everyone_commits()
    {
        var sim = Simulator.Create(ScenarioParser.ParseFile(Path.Combine(Scenarios.RepoFiles.LessonScenarios, "paxos-commit-leader-crash.yaml")));
        var result = sim.RunToEnd();
        var lines = sim.Lines().ToList();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Empty(result.Blocked);
        Assert.Equal(Outcome.None, result.Decisions["L"]);
        Assert.Equal(60, result.Messages.Sent);
        Assert.Equal("e9eb23ff4adbd7b8", result.TraceHash);
        Assert.Contains("t=70 L crashes", lines);
        Assert.Contains("t=331 P1 sends phase-1a(P3 ballot 5) #28 to A1 (arrives t=367)", lines);
        Assert.Contains("t=359 A1 sends phase-1b(P1 ballot 5, accepted prepared at ballot 0) #31 to P1 (arrives t=387)", lines);
        Assert.Contains("t=472 P1 decides commit", lines);
        Assert.Contains("t=502 P2 receives commit #59 from P1", lines);
        // Only P1 led a ballot: P2 and P3 learned the outcome before their turn came.
        Assert.DoesNotContain(lines, line => line.Contains("P2 sends phase-1a", StringComparison.Ordinal) || line.Contains("P3 sends phase-1a", StringComparison.Ordinal));
    }

    [Fact]
    public void With_a_majority_of_acceptors_down_everyone_who_voted_yes_is_blocked()
    {
        var result = Simulator.Create(ScenarioParser.ParseFile(Path.Combine(Scenarios.RepoFiles.LessonScenarios, "paxos-commit-majority-down.yaml"))).RunToEnd();

        Assert.Equal(RunOutcome.Blocked, result.Outcome);
        Assert.Equal(["P1", "P2", "P3"], result.Blocked.ToArray());
        Assert.Equal(Outcome.None, result.Decisions["L"]);
        Assert.Equal(417, result.Messages.Sent);
        Assert.Equal("6dbdc3f4adfa4d8e", result.TraceHash);
    }

    /// <summary>
    /// A crashed acceptor keeps what it forced. L is gone and A2 and A3 crash after accepting every
    /// vote, so A1 alone cannot finish a ballot; when A2 comes back it answers the next ballot with the
    /// values it accepted before the crash, the majority is whole again, and everyone commits. Without
    /// the recovery the same run is still blocked when it reaches its cap.
    /// </summary>
    [Fact]
    public void A_recovered_acceptor_rejoins_with_the_votes_it_accepted_and_the_run_commits()
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(Scenarios.RepoFiles.LessonScenarios, "paxos-commit-acceptor-recovers.yaml"));
        var sim = Simulator.Create(scenario);
        var result = sim.RunToEnd();
        var lines = sim.Lines().ToList();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Equal(142, result.Messages.Sent);
        Assert.Equal(49, result.ForcedWrites);
        Assert.Contains("t=100 A2 crashes", lines);
        Assert.Contains("t=1000 A2 recovers", lines);
        // Before the crash A2 accepted P1's vote at ballot 0; after it, it still says so.
        Assert.Contains("t=71 A2 logs accepted (forced)", lines);
        Assert.Contains("t=1278 A2 sends phase-1b(P1 ballot 17, accepted prepared at ballot 0) #119 to P1 (arrives t=1314)", lines);
        Assert.Contains("t=1400 P1 decides commit", lines);
        Assert.DoesNotContain(lines, line => line.Contains("A3 recovers", StringComparison.Ordinal));

        var without = Simulator.Create(scenario with { Faults = [.. scenario.Faults.Where(f => f.Do is not FaultAction.Recover)], MaxTicks = 3000 }).RunToEnd();
        Assert.Equal(RunOutcome.Blocked, without.Outcome);
    }

    /// <summary>
    /// A recovered acceptor remembers its promises too: having promised ballot 17 for P1's vote, it
    /// ignores the lower ballots 14 and 11 that arrive afterwards, so it forces exactly one promise per
    /// ballot it outranks and never takes a value back.
    /// </summary>
    [Fact]
    public void A_recovered_acceptor_keeps_its_promises()
    {
        var sim = Simulator.Create(ScenarioParser.ParseFile(Path.Combine(Scenarios.RepoFiles.LessonScenarios, "paxos-commit-acceptor-recovers.yaml")));
        sim.RunToEnd();
        var a2 = sim.Lines().Where(line => line.Contains(" A2 ", StringComparison.Ordinal) && !line.Contains("suspect", StringComparison.Ordinal)).ToList();

        Assert.Contains("t=1283 A2 receives phase-1a(P1 ballot 11) #109 from P3", a2);
        Assert.DoesNotContain(a2, line => line.Contains("A2 sends phase-1b(P1 ballot 11", StringComparison.Ordinal));
        Assert.DoesNotContain(a2, line => line.Contains("A2 sends phase-2b", StringComparison.Ordinal) && !line.Contains("ballot 17", StringComparison.Ordinal) && !line.Contains("ballot 0", StringComparison.Ordinal));
    }

    /// <summary>
    /// Safety with amnesia ruled out: any number of acceptors, all of them included, crash and come
    /// back at random moments, with L and a participant crashing too and messages lost. No run splits
    /// or commits without every yes, and once every acceptor and L are back no one who voted yes is left
    /// blocked.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Acceptors_that_crash_and_recover_in_any_number_never_split_and_finish_once_back(int f)
    {
        var random = new Prng((ulong)(2000 + f));
        var acceptors = (2 * f) + 1;
        for (var run = 0; run < 120; run++)
        {
            var faults = new List<ScheduledFault>
            {
                Runs.At(random.NextInclusive(0, 200), "crash L"),
                Runs.At(random.NextInclusive(1500, 2500), "recover L"),
            };
            var down = random.NextInclusive(f + 1, acceptors);
            for (var a = 1; a <= down; a++)
            {
                faults.Add(Runs.At(random.NextInclusive(0, 400), $"crash A{a}"));
                faults.Add(Runs.At(random.NextInclusive(500, 1500), $"recover A{a}"));
            }

            var victim = $"P{random.NextInclusive(1, 3)}";
            faults.Add(Runs.At(random.NextInclusive(0, 400), $"crash {victim}"));
            faults.Add(Runs.At(random.NextInclusive(500, 1200), $"recover {victim}"));
            var scenario = Paxos(3, acceptors, seed: (ulong)run) with
            {
                Network = new NetworkSettings { LatencyMin = 10, LatencyMax = 60, Loss = 0.05 },
                MaxTicks = 10000,
                Faults = [.. faults],
            };

            var result = Simulator.Create(scenario).RunToEnd();

            Assert.True(result.Violations.IsEmpty, $"F={f} run {run}: {string.Join("; ", result.Violations)}");
            Assert.True(result.Blocked.IsEmpty && result.Outcome != RunOutcome.Blocked, $"F={f} run {run} ended {result.Outcome}, blocked: {string.Join(", ", result.Blocked)}");
        }
    }

    /// <summary>
    /// F = 0 with A1 on its own machine is an outcome log whose first write wins: P3 never voted and L is
    /// gone, so P1 writes ABORTED for P3's vote at A1, and the live participants abort without L.
    /// </summary>
    [Fact]
    public void A_lone_acceptor_lets_an_uncertain_participant_write_aborted_for_a_missing_vote()
    {
        var sim = Simulator.Create(ScenarioParser.ParseFile(Path.Combine(Scenarios.RepoFiles.LessonScenarios, "paxos-commit-f0-abort-written.yaml")));
        var result = sim.RunToEnd();
        var lines = sim.Lines().ToList();

        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Equal(Outcome.Abort, result.Decisions["P1"]);
        Assert.Equal(Outcome.Abort, result.Decisions["P2"]);
        Assert.Equal(22, result.Messages.Sent);
        Assert.Equal("ec37e5ab4ae516e9", result.TraceHash);
        Assert.Contains("t=402 P1 sends phase-2a(P3 ballot 5 aborted) #15 to A1 (arrives t=436)", lines);
        Assert.Contains("t=478 P1 decides abort", lines);
    }

    [Theory]
    [InlineData("paxos-commit-happy-path.yaml", RunOutcome.Committed, 24, "9d24549a912ce5cd")]
    [InlineData("paxos-commit-f0-is-2pc.yaml", RunOutcome.Committed, 12, "be43c5da28d0585d")]
    public void The_fault_free_scenarios_replay_to_their_pinned_trace(string file, RunOutcome outcome, int messages, string hash)
    {
        var result = Simulator.Create(ScenarioParser.ParseFile(Path.Combine(Scenarios.RepoFiles.LessonScenarios, file))).RunToEnd();

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(messages, result.Messages.Sent);
        Assert.Equal(hash, result.TraceHash);
    }

    /// <summary>
    /// Replays are exact, and the world state tells two moments of a ballot apart: it is one value with
    /// structural equality, so an explorer could deduplicate Paxos Commit states as it does 2PC's.
    /// </summary>
    [Fact]
    public void A_run_replays_to_the_same_trace_and_its_states_compare_by_value()
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(Scenarios.RepoFiles.LessonScenarios, "paxos-commit-leader-crash.yaml"));
        var a = Simulator.Create(scenario);
        var b = Simulator.Create(scenario);
        a.RunUntil(400);
        b.RunUntil(400);

        Assert.Equal(a.State(), b.State());
        Assert.Equal(a.State().Fingerprint(), b.State().Fingerprint());
        var midBallot = a.State().Fingerprint();
        a.RunUntil(450);
        Assert.NotEqual(midBallot, a.State().Fingerprint());
        Assert.Equal(a.RunToEnd().TraceHash, b.RunToEnd().TraceHash);
    }

    /// <summary>
    /// The same crash in 2PC and in Paxos Commit with F = 0: the lone acceptor is the commit point,
    /// and with it gone the participants block, as 2PC's do when L crashes after deciding.
    /// </summary>
    [Fact]
    public void With_F_0_losing_the_one_acceptor_blocks_as_2pc_does()
    {
        var paxos = Simulator.Create(Paxos(3, 1).With(Runs.When("A1 logs accepted", "crash A1")) with { MaxTicks = 3000 }).RunToEnd();
        var twoPc = Simulator.Create(Runs.TwoPc(3, seed: 7).With(Runs.When("L logs commit", "crash L")) with { MaxTicks = 3000 }).RunToEnd();

        Assert.Equal(RunOutcome.Blocked, paxos.Outcome);
        Assert.Equal(RunOutcome.Blocked, twoPc.Outcome);
    }

    /// <summary>
    /// Safety and nonblocking under random faults: L, any participants and at most F acceptors crash
    /// at random moments (some come back), messages are lost. No run may break atomicity or validity,
    /// and no participant that voted yes may end blocked, because a majority of acceptors is always up.
    /// (A participant whose PREPARE was lost never voted and may still be waiting for one, as in 2PC.)
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_crashes_of_L_participants_and_at_most_F_acceptors_never_split_and_never_block(int f)
    {
        var random = new Prng((ulong)(1000 + f));
        for (var run = 0; run < 150; run++)
        {
            var faults = new List<ScheduledFault> { Runs.At(random.NextInclusive(0, 150), "crash L") };
            if (random.NextDouble() < 0.5)
            {
                faults.Add(Runs.At(random.NextInclusive(200, 900), "recover L"));
            }

            for (var a = 1; a <= f; a++)
            {
                faults.Add(Runs.At(random.NextInclusive(0, 300), $"crash A{random.NextInclusive(1, (2 * f) + 1)}"));
            }

            var victim = $"P{random.NextInclusive(1, 3)}";
            faults.Add(Runs.At(random.NextInclusive(0, 400), $"crash {victim}"));
            faults.Add(Runs.At(random.NextInclusive(500, 1200), $"recover {victim}"));
            var scenario = Paxos(3, (2 * f) + 1, seed: (ulong)run) with
            {
                Network = new NetworkSettings { LatencyMin = 10, LatencyMax = 60, Loss = 0.05 },
                MaxTicks = 8000,
                Faults = [.. faults],
            };

            var result = Simulator.Create(scenario).RunToEnd();

            Assert.True(result.Violations.IsEmpty, $"F={f} run {run}: {string.Join("; ", result.Violations)}");
            Assert.True(result.Blocked.IsEmpty && result.Outcome != RunOutcome.Blocked, $"F={f} run {run} ended {result.Outcome}, blocked: {string.Join(", ", result.Blocked)}");
        }
    }
}
