using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Properties;
using CommitLab.Engine.Tests.Scenarios;
using CommitLab.Engine.Tracing;
using CommitLab.Engine.TwoGenerals;
using FsCheck.Fluent;

namespace CommitLab.Engine.Tests.Protocols;

/// <summary>
/// Each protocol declares, role by role, what its nodes send, log and become; the comparison page
/// trusts it to say a fault cannot be carried over ("2PC never logs PRECOMMIT"). These hold the
/// declarations to the roles' real behaviour: nothing a run does falls outside them.
/// </summary>
public class ProtocolVocabularyTests
{
    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Every_shipped_scenario_sends_logs_and_enters_only_what_its_roles_declare(string name)
    {
        var simulator = Simulator.Create(ScenarioParser.ParseFile(Path.Combine(RepoFiles.LessonScenarios, name)));
        simulator.RunToEnd();

        Assert.Empty(Undeclared(simulator));
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Every_node_of_a_shipped_scenario_has_the_role_a_run_gives_it(string name)
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(RepoFiles.LessonScenarios, name));

        var nodes = Simulator.Create(scenario).Snapshot().Nodes;

        Assert.Equal(nodes.Select(n => n.Role), nodes.Select(n => ProtocolVocabulary.RoleOf(scenario, n.Name)?.Name));
        Assert.Null(ProtocolVocabulary.RoleOf(scenario, "Nobody"));
    }

    [Fact]
    public void A_role_fires_only_on_what_it_declares_and_leaves_receiving_to_the_protocol()
    {
        var withLog = new Scenario { Protocol = ProtocolKind.TwoPhase, Participants = 2, OutcomeLog = true };
        var coordinator = ProtocolVocabulary.RoleOf(withLog, "L")!;
        var participant = ProtocolVocabulary.RoleOf(withLog, "P2")!;
        var outcomeLog = ProtocolVocabulary.RoleOf(withLog, "LOG")!;

        Assert.Equal(("coordinator", "participant", "outcome log"), (coordinator.Name, participant.Name, outcomeLog.Name));
        Assert.False(coordinator.CanFire(FaultText.ParseTrigger("L logs prepared")));
        Assert.True(participant.CanFire(FaultText.ParseTrigger("P2 logs prepared")));
        Assert.False(participant.CanFire(FaultText.ParseTrigger("P2 sends prepare")));
        Assert.False(coordinator.CanFire(FaultText.ParseTrigger("L enters uncertain")));
        Assert.True(outcomeLog.CanFire(FaultText.ParseTrigger("LOG logs commit")));
        Assert.True(coordinator.CanFire(FaultText.ParseTrigger("L receives vote-yes")));
    }

    [Fact]
    public void Sam_and_Jill_send_only_the_proposal_and_acknowledgements_whatever_is_lost()
    {
        foreach (var plan in new[] { new LunchPlan(1), new LunchPlan(4), new LunchPlan(3).ToggleDrop(2), new LunchPlan(5, 0.5, 7) })
        {
            var simulator = Simulator.Create(LunchTrial.ScenarioOf(plan));
            simulator.RunToEnd();

            Assert.Empty(Undeclared(simulator));
        }
    }

    [Fact]
    public void Two_phase_commit_runs_stay_inside_the_declaration_whatever_the_faults_and_variant()
    {
        var scenarios =
            from scenario in FaultMixes.Scenarios(ProtocolKind.TwoPhase, DetectorKind.Timeout, nodes => FaultMixes.AnyFaults(nodes, ProtocolKind.TwoPhase), maxLoss: 0.3)
            from presume in Gen.Elements(Presumption.Nothing, Presumption.Abort, Presumption.Commit)
            from readOnly in Gen.Elements(true, false, false)
            from prepare in Gen.Elements<int?>(null, 50, 400)
            select scenario with
            {
                Presume = presume,
                ReadOnly = readOnly ? ["P1"] : [],
                Timeouts = scenario.Timeouts with { Prepare = prepare },
            };

        FaultMixes.CheckRuns(scenarios, runs: 600, (_, run) => Problem(run));
    }

    [Fact]
    public void Three_phase_commit_runs_stay_inside_the_declaration_whatever_the_faults_and_detector()
    {
        var scenarios =
            from detector in Gen.Elements(DetectorKind.Timeout, DetectorKind.Perfect)
            from scenario in FaultMixes.Scenarios(ProtocolKind.ThreePhase, detector, nodes => FaultMixes.AnyFaults(nodes, ProtocolKind.ThreePhase), maxLoss: 0.3)
            select scenario;

        FaultMixes.CheckRuns(scenarios, runs: 600, (_, run) => Problem(run));
    }

    [Fact]
    public void Paxos_commit_runs_stay_inside_the_declaration_whatever_the_faults()
    {
        var scenarios =
            from acceptors in Gen.Elements(1, 3, 5)
            from scenario in FaultMixes.Scenarios(
                ProtocolKind.PaxosCommit,
                DetectorKind.Timeout,
                nodes => FaultMixes.AnyFaults([.. nodes, .. Enumerable.Range(1, acceptors).Select(a => $"A{a}")], ProtocolKind.PaxosCommit),
                maxLoss: 0.3)
            select scenario with { Acceptors = acceptors };

        FaultMixes.CheckRuns(scenarios, runs: 400, (_, run) => Problem(run));
    }

    [Theory]
    [InlineData(ProtocolKind.TahoeUncoordinated)]
    [InlineData(ProtocolKind.TahoeTwoPhase)]
    [InlineData(ProtocolKind.TahoeMagicFolder)]
    public void Tahoe_runs_stay_inside_their_modes_declaration_whatever_the_faults(ProtocolKind mode)
    {
        // The fuzzer's own runs, over a fixed seed range: a failure names a seed it can replay.
        for (var seed = 0; seed < 150; seed++)
        {
            var simulator = Simulator.Create(Tahoe.TahoeRuns.Generate((ulong)seed, mode, writers: 2 + (seed % 3), servers: 1 + (seed / 3 % 5)));
            simulator.RunToEnd();

            Assert.True(Undeclared(simulator) is [], $"seed {seed}: {string.Join("\n", Undeclared(simulator))}");
        }
    }

    [Fact]
    public void Two_phase_commit_declares_no_pre_commit_round_and_no_termination_protocol()
    {
        var twoPhase = ProtocolVocabulary.Of(ProtocolKind.TwoPhase);

        Assert.Equal(
            ["prepare", "vote-yes", "vote-no", "commit", "abort", "ack", "decision-req", "decision", "vote-read-only"],
            twoPhase.Sends.Order().Select(Names.Of));
        Assert.Equal(["prepared", "commit", "abort", "end", "collecting"], twoPhase.Logs.Order().Select(Names.Of));
        Assert.Equal(["working", "uncertain", "committed", "aborted", "read-only"], twoPhase.States.Order().Select(Names.Of));
        Assert.False(twoPhase.CanFire(FaultText.ParseTrigger("L logs precommit")));
        Assert.False(twoPhase.CanFire(FaultText.ParseTrigger("P1 enters precommitted")));
        Assert.False(twoPhase.CanFire(FaultText.ParseTrigger("P1 receives state-req")));
        Assert.True(twoPhase.CanFire(FaultText.ParseTrigger("L sends prepare to P1")));
    }

    [Fact]
    public void Three_phase_commit_declares_no_prepare_message_and_no_read_only_vote()
    {
        var threePhase = ProtocolVocabulary.Of(ProtocolKind.ThreePhase);

        Assert.Equal(
            ["vote-yes", "vote-no", "abort", "ack", "can-commit", "pre-commit", "do-commit", "decision-req", "decision", "state-req", "state-report"],
            threePhase.Sends.Order().Select(Names.Of));
        Assert.Equal(["prepared", "precommit", "commit", "abort", "end"], threePhase.Logs.Order().Select(Names.Of));
        Assert.Equal(["working", "uncertain", "precommitted", "committed", "aborted"], threePhase.States.Order().Select(Names.Of));
        Assert.False(threePhase.CanFire(FaultText.ParseTrigger("P2 receives prepare")));
        Assert.False(threePhase.CanFire(FaultText.ParseTrigger("P2 enters read-only")));
        Assert.True(threePhase.CanFire(FaultText.ParseTrigger("L logs precommit")));
    }

    [Fact]
    public void Every_protocol_declares_its_roles_by_the_names_the_trace_gives_them()
    {
        Assert.Equal(["coordinator", "participant", "outcome log"], ProtocolVocabulary.Of(ProtocolKind.TwoPhase).Roles.Select(r => r.Name));
        Assert.Equal(["coordinator", "participant"], ProtocolVocabulary.Of(ProtocolKind.ThreePhase).Roles.Select(r => r.Name));
        Assert.Equal(["coordinator", "participant", "acceptor"], ProtocolVocabulary.Of(ProtocolKind.PaxosCommit).Roles.Select(r => r.Name));
        Assert.Equal(["writer", "storage server"], ProtocolVocabulary.Of(ProtocolKind.TahoeTwoPhase).Roles.Select(r => r.Name));
        Assert.Equal(["writer", "storage server", "reader"], ProtocolVocabulary.Of(ProtocolKind.TahoeMagicFolder).Roles.Select(r => r.Name));
        Assert.Equal(["colleague"], ProtocolVocabulary.Of(ProtocolKind.TwoGenerals).Roles.Select(r => r.Name));
        Assert.All(Enum.GetValues<ProtocolKind>(), protocol => Assert.Equal(protocol, ProtocolVocabulary.Of(protocol).Protocol));
    }

    public static TheoryData<string> ScenarioFiles() => RepoFiles.AllScenarioNames();

    private static string? Problem(Simulator run) => Undeclared(run) is [_, ..] found ? string.Join("\n", found) : null;

    /// <summary>Every message sent, record written and state entered in the run that the node's role does not declare, one line each.</summary>
    private static List<string> Undeclared(Simulator run)
    {
        var protocol = run.Scenario.Protocol;
        var vocabulary = ProtocolVocabulary.Of(protocol);
        var nodes = run.Snapshot().Nodes;
        var roles = nodes.Select(n => vocabulary.Role(n.Role)).ToArray();
        var found = new List<string>();
        for (var i = 0; i < nodes.Length; i++)
        {
            if (roles[i] is not { } role)
            {
                found.Add($"{nodes[i].Name} is a {nodes[i].Role}, a role {Names.Of(protocol)} does not declare");
            }
            else if (!role.States.Contains(nodes[i].Phase))
            {
                found.Add($"{nodes[i].Name} ends {Names.Of(nodes[i].Phase)}, which a {role.Name} of {Names.Of(protocol)} does not declare");
            }
        }

        foreach (var e in run.Trace.Events)
        {
            if (e.Node < 0 || roles[e.Node] is not { } role)
            {
                continue;
            }

            var declared = e.Kind switch
            {
                TraceKind.Send => role.Sends.Contains(e.Message),
                TraceKind.LogAppend => role.Logs.Contains(e.Record),
                TraceKind.StateChange => role.States.Contains(e.State),
                TraceKind.Decision => role.States.Contains(e.Decision == Outcome.Commit ? Phase.Committed : Phase.Aborted),
                _ => true,
            };
            if (!declared)
            {
                found.Add($"{run.Trace.Line(e)}: not declared for a {role.Name} of {Names.Of(protocol)}");
            }
        }

        return found;
    }
}
