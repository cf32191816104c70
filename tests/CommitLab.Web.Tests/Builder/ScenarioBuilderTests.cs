using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Builder;
using CommitLab.Web.Lab.Sharing;

namespace CommitLab.Web.Tests.Builder;

public sealed class ScenarioBuilderTests
{
    // What `commitlab run` does with a file: parse it, run it to the end.
    private static RunResult RunFile(BuiltScenario built)
    {
        Assert.True(built.Ok, string.Join("; ", built.Problems));
        return Simulator.Create(ScenarioParser.Parse(built.Yaml!, "built.yaml")).RunToEnd();
    }

    [Fact]
    public void A_fresh_builder_writes_a_scenario_that_commits()
    {
        var result = RunFile(new ScenarioBuilder().Build());

        Assert.Equal(RunOutcome.Committed, result.Outcome);
    }

    [Fact]
    public void An_added_participant_that_votes_no_makes_the_run_abort()
    {
        var builder = new ScenarioBuilder();
        var added = builder.AddParticipant();
        builder.SetVote(added, yes: false);

        var built = builder.Build();
        var result = RunFile(built);

        Assert.Equal("P4", added);
        Assert.Contains("participants: 4", built.Yaml, StringComparison.Ordinal);
        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Equal(Outcome.Abort, result.Decisions["P4"]);
    }

    [Fact]
    public void Crashing_the_leader_when_it_logs_commit_blocks_two_phase_commit()
    {
        var builder = new ScenarioBuilder();
        builder.AddFault("L");

        var built = builder.Build();
        var result = RunFile(built);

        Assert.Contains("L logs commit", built.Yaml, StringComparison.Ordinal);
        Assert.Equal(RunOutcome.Blocked, result.Outcome);
        Assert.Equal(["P1", "P2", "P3"], result.Blocked.ToArray());
    }

    [Fact]
    public void A_cut_link_at_a_tick_and_the_network_settings_reach_the_file()
    {
        var builder = new ScenarioBuilder { LatencyMin = 5, LatencyMax = 15, LossPercent = 10, Seed = 9, Title = "Cut P2 early" };
        var fault = builder.AddFault("L");
        fault.When = FaultWhen.AtTick;
        fault.Tick = 1;
        fault.Do = FaultDo.Cut;
        fault.Peer = "P2";

        var scenario = ScenarioParser.Parse(builder.Build().Yaml!, "built.yaml");

        Assert.Equal(new NetworkSettings(5, 15, 0.1), scenario.Network);
        Assert.Equal(9UL, scenario.Seed);
        var only = Assert.Single(scenario.Faults);
        Assert.Equal(new FaultTiming.AtTick(1), only.When);
        Assert.Equal(new FaultAction.Cut("L", "P2", true), only.Do);
        Assert.Equal("at 1 ms: cut L-P2", fault.Describe());
    }

    [Fact]
    public void The_lab_link_opens_the_same_scenario()
    {
        var builder = new ScenarioBuilder { Protocol = ProtocolKind.ThreePhase };
        builder.SetVote("P1", yes: false);

        var built = builder.Build();
        var (opened, cursor) = ShareLink.Read(System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + built.LabLink).Query)["run"]!, 0, 0);

        Assert.StartsWith("/lab?run=", built.LabLink, StringComparison.Ordinal);
        Assert.Equal(ProtocolKind.ThreePhase, opened.Protocol);
        Assert.Equal(["P1"], opened.NoVoters);
        Assert.Equal(0, cursor.Events);
    }

    [Fact]
    public void The_outcome_log_is_a_node_only_under_two_phase_commit()
    {
        var builder = new ScenarioBuilder { OutcomeLog = true };
        Assert.Equal(["L", "P1", "P2", "P3", "LOG"], builder.NodeNames.ToArray());
        Assert.Contains(("L", "LOG"), builder.Links);

        builder.Protocol = ProtocolKind.ThreePhase;

        Assert.Equal(["L", "P1", "P2", "P3"], builder.NodeNames.ToArray());
    }

    [Fact]
    public void Removing_a_participant_takes_its_vote_and_its_faults_with_it()
    {
        var builder = new ScenarioBuilder();
        builder.SetVote("P3", yes: false);
        builder.AddFault("P3");
        builder.AddFault("P1");

        builder.RemoveParticipant();

        Assert.Equal(2, builder.Participants);
        Assert.Empty(builder.ToScenario().NoVoters);
        Assert.Equal("P1", Assert.Single(builder.Faults).Target);
        // The fault left crashes P1 as L logs commit: P1 is down at the end and left out, P2 commits.
        Assert.Equal(RunOutcome.Committed, RunFile(builder.Build()).Outcome);
    }

    [Fact]
    public void A_vote_for_a_node_that_is_not_a_participant_is_refused_with_the_range()
    {
        var builder = new ScenarioBuilder();

        var e = Assert.Throws<ArgumentException>(() => builder.SetVote("P7", yes: false));

        Assert.StartsWith("P7 is not a participant of this scenario (P1 to P3).", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_network_numbers_give_the_engines_reason_and_no_file()
    {
        var builder = new ScenarioBuilder { LatencyMin = 50, LatencyMax = 10 };

        var built = builder.Build();

        Assert.False(built.Ok);
        Assert.Null(built.LabLink);
        Assert.Contains(built.Problems, p => p.StartsWith("network latency must be a range", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fault_on_a_node_that_does_not_exist_is_reported_not_written()
    {
        var builder = new ScenarioBuilder();
        builder.AddFault("LOG");

        var built = builder.Build();

        Assert.False(built.Ok);
        Assert.NotEmpty(built.Problems);
    }

    [Fact]
    public void A_trigger_offers_what_its_nodes_role_declares_in_the_chosen_protocol()
    {
        var builder = new ScenarioBuilder();
        var onL = builder.AddFault("L");
        var onP1 = builder.AddFault("P1");
        onP1.TriggerNode = "P1";

        var l = builder.ChoicesFor(onL);
        var p1 = builder.ChoicesFor(onP1);
        onP1.When = FaultWhen.Receives;
        var p1Receives = builder.ChoicesFor(onP1);
        builder.Protocol = ProtocolKind.ThreePhase;
        var p1In3pc = builder.ChoicesFor(onP1);

        // 2PC: L never writes PREPARED and is never uncertain; nothing offers PRECOMMIT.
        Assert.Equal(["commit", "abort", "end"], l.Records.Select(Names.Of));
        Assert.Equal(["working", "committed", "aborted"], l.States.Select(Names.Of));
        Assert.Equal(["prepare", "commit", "abort", "decision"], l.Messages.Select(Names.Of));
        Assert.Equal(["prepared", "commit", "abort"], p1.Records.Select(Names.Of));
        Assert.Equal(["working", "uncertain", "committed", "aborted"], p1.States.Select(Names.Of));
        Assert.Equal(["vote-yes", "vote-no", "ack", "decision-req", "decision"], p1.Messages.Select(Names.Of));
        // A role declares what it sends, not what it receives: a receiver may name anything its protocol sends.
        Assert.Equal(["prepare", "vote-yes", "vote-no", "commit", "abort", "ack", "decision-req", "decision"], p1Receives.Messages.Select(Names.Of));
        Assert.Equal(["prepared", "precommit", "commit", "abort"], p1In3pc.Records.Select(Names.Of));
        Assert.All(new[] { l, p1, p1Receives }, c => Assert.Null(c.Never));
        Assert.Equal("3PC sends no COMMIT message (its commit message is DO-COMMIT)", p1In3pc.Never);
    }

    [Fact]
    public void A_fault_the_new_protocol_never_fires_is_kept_and_said_and_builds_again_once_switched_back()
    {
        var builder = new ScenarioBuilder { Protocol = ProtocolKind.ThreePhase };
        var fault = builder.AddFault("P2");
        fault.When = FaultWhen.Enters;
        fault.State = Phase.Uncertain; // a 3PC coordinator recovering with PRE-COMMIT is uncertain; a 2PC one never is
        var other = builder.AddFault("P1");
        other.Record = LogRecordKind.PreCommit;
        Assert.True(builder.Build().Ok);

        builder.Protocol = ProtocolKind.TwoPhase;
        var built = builder.Build();

        Assert.Equal(["when L enters uncertain: crash P2", "when L logs precommit: crash P1"], builder.Faults.Select(f => f.Describe()));
        Assert.Equal("in 2PC only the participants are ever uncertain", builder.ChoicesFor(fault).Never);
        Assert.Equal("2PC never logs PRECOMMIT", builder.ChoicesFor(other).Never);
        Assert.False(built.Ok);
        Assert.Null(built.LabLink);
        Assert.Collection(
            built.Problems,
            p => Assert.Equal("fault 1 (“when L enters uncertain: crash P2”) never fires: in 2PC only the participants are ever uncertain", p),
            p => Assert.Equal("fault 2 (“when L logs precommit: crash P1”) never fires: 2PC never logs PRECOMMIT", p));

        builder.Protocol = ProtocolKind.ThreePhase;

        Assert.True(builder.Build().Ok);
    }

    [Fact]
    public void Switching_a_fault_to_another_kind_of_trigger_starts_on_a_choice_that_fires()
    {
        var builder = new ScenarioBuilder();
        var fault = builder.AddFault("P1");
        fault.When = FaultWhen.Enters; // the draft's state is "uncertain", which L never is in 2PC

        builder.ChoicesFor(fault).Fit(fault);

        Assert.Equal("when L enters working: crash P1", fault.Describe());
        Assert.Null(builder.ChoicesFor(fault).Never);
    }

    [Theory]
    [InlineData("Leader crashes after deciding", "leader-crashes-after-deciding.yaml")]
    [InlineData("  ", "scenario.yaml")]
    [InlineData("3PC: split brain!", "3pc-split-brain.yaml")]
    public void The_download_is_named_after_the_title(string title, string fileName) =>
        Assert.Equal(fileName, new ScenarioBuilder { Title = title }.FileName);
}
