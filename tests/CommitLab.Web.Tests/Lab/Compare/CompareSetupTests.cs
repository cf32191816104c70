using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab.Compare;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Lab.Compare;

/// <summary>One run becomes two sides with the same participants, votes and faults; what a side cannot take is said on that side.</summary>
public class CompareSetupTests
{
    [Fact]
    public void Both_sides_keep_the_run_and_differ_only_in_protocol()
    {
        var run = RepositoryFiles.Scenario("2pc-participant-votes-no").Scenario;

        var (left, right) = CompareSetup.From(run, CompareMode.Protocols);

        Assert.Equal(("2PC", "3PC, " + Names.Of(run.FailureDetector) + " detector"), (left.Name, right.Name));
        Assert.Equal((ProtocolKind.TwoPhase, ProtocolKind.ThreePhase), (left.Scenario.Protocol, right.Scenario.Protocol));
        foreach (var side in new[] { left, right })
        {
            Assert.Equal(run.Participants, side.Scenario.Participants);
            Assert.Equal(run.Seed, side.Scenario.Seed);
            Assert.Equal(run.Network, side.Scenario.Network);
            Assert.Equal(run.NoVoters.Order(), side.Scenario.NoVoters.Order());
            Assert.Null(side.Scenario.Expect);
        }
    }

    [Fact]
    public void A_trigger_the_other_protocol_never_fires_is_explained_on_that_side()
    {
        var run = RepositoryFiles.Scenario("3pc-leader-crash-before-precommit").Scenario;

        var (left, right) = CompareSetup.From(run, CompareMode.Protocols);

        Assert.Empty(left.Scenario.Faults);
        Assert.Equal("Not here: “crash L when L logs precommit”, because 2PC never logs PRECOMMIT.", Assert.Single(left.Notes));
        Assert.Single(right.Scenario.Faults);
        Assert.Empty(right.Notes);
    }

    [Fact]
    public void The_outcome_log_and_a_fault_on_it_are_explained_on_the_3pc_side()
    {
        var run = RepositoryFiles.Scenario("2pc-outcome-log").Scenario;

        var (left, right) = CompareSetup.From(run, CompareMode.Protocols);

        Assert.True(left.Scenario.OutcomeLog);
        Assert.Empty(left.Notes);
        Assert.False(right.Scenario.OutcomeLog);
        Assert.Empty(right.Scenario.Faults);
        Assert.Equal(
            [
                "Not here: the outcome log (LOG), a 2PC option.",
                "Not here: “crash L when LOG logs commit”, because 3PC has no LOG node.",
            ],
            right.Notes);
    }

    [Fact]
    public void A_2pc_message_trigger_names_its_3pc_counterpart()
    {
        var run = RepositoryFiles.Scenario("2pc-happy-path").Scenario with
        {
            Faults = [new(new CommitLab.Engine.Faults.FaultTiming.OnTrigger(CommitLab.Engine.Faults.FaultText.ParseTrigger("L sends prepare to P2")), new CommitLab.Engine.Faults.FaultAction.Drop())],
        };

        var (_, right) = CompareSetup.From(run, CompareMode.Protocols);

        Assert.Equal("Not here: “drop when L sends prepare to P2”, because 3PC sends no PREPARE message (its first message is CAN-COMMIT).", Assert.Single(right.Notes));
    }

    [Fact]
    public void A_state_or_message_one_protocol_never_has_is_explained_on_that_side_and_the_rest_carry_over()
    {
        var run = RepositoryFiles.Scenario("3pc-happy-path").Scenario with
        {
            Faults =
            [
                new(new CommitLab.Engine.Faults.FaultTiming.OnTrigger(CommitLab.Engine.Faults.FaultText.ParseTrigger("P1 enters precommitted")), CommitLab.Engine.Faults.FaultText.ParseAction("crash L")),
                new(new CommitLab.Engine.Faults.FaultTiming.OnTrigger(CommitLab.Engine.Faults.FaultText.ParseTrigger("L sends do-commit to P2")), new CommitLab.Engine.Faults.FaultAction.Drop()),
                new(new CommitLab.Engine.Faults.FaultTiming.OnTrigger(CommitLab.Engine.Faults.FaultText.ParseTrigger("P2 enters uncertain")), CommitLab.Engine.Faults.FaultText.ParseAction("crash P3")),
            ],
        };

        var (left, right) = CompareSetup.From(run, CompareMode.Protocols);

        Assert.Equal(
            [
                "Not here: “crash L when P1 enters precommitted”, because no 2PC node is ever precommitted.",
                "Not here: “drop when L sends do-commit to P2”, because 2PC sends no DO-COMMIT message (its commit message is COMMIT).",
            ],
            left.Notes);
        Assert.Equal("crash P3 when P2 enters uncertain", CompareSetup.Describe(Assert.Single(left.Scenario.Faults)));
        Assert.Equal(3, right.Scenario.Faults.Length);
        Assert.Empty(right.Notes);
    }

    [Fact]
    public void A_trigger_the_nodes_role_never_fires_is_explained_on_each_side_and_one_it_can_fire_carries_over()
    {
        var run = RepositoryFiles.Scenario("2pc-happy-path").Scenario with
        {
            Faults =
            [
                new(new CommitLab.Engine.Faults.FaultTiming.OnTrigger(CommitLab.Engine.Faults.FaultText.ParseTrigger("L logs prepared")), CommitLab.Engine.Faults.FaultText.ParseAction("crash P1")),
                new(new CommitLab.Engine.Faults.FaultTiming.OnTrigger(CommitLab.Engine.Faults.FaultText.ParseTrigger("P2 logs end")), CommitLab.Engine.Faults.FaultText.ParseAction("crash L")),
                new(new CommitLab.Engine.Faults.FaultTiming.OnTrigger(CommitLab.Engine.Faults.FaultText.ParseTrigger("P2 logs prepared")), CommitLab.Engine.Faults.FaultText.ParseAction("crash L")),
            ],
        };

        var (left, right) = CompareSetup.From(run, CompareMode.Protocols);

        Assert.Equal(
            [
                "Not here: “crash P1 when L logs prepared”, because in 2PC only the participants write PREPARED.",
                "Not here: “crash L when P2 logs end”, because in 2PC only the coordinator writes END.",
            ],
            left.Notes);
        Assert.Equal(
            [
                "Not here: “crash P1 when L logs prepared”, because in 3PC only the participants write PREPARED.",
                "Not here: “crash L when P2 logs end”, because in 3PC only the coordinator writes END.",
            ],
            right.Notes);
        Assert.All(new[] { left, right }, side => Assert.Equal("crash L when P2 logs prepared", CompareSetup.Describe(Assert.Single(side.Scenario.Faults))));
    }

    [Fact]
    public void The_detector_comparison_runs_3pc_twice_with_each_detector()
    {
        var run = RepositoryFiles.Scenario("2pc-happy-path").Scenario;

        var (left, right) = CompareSetup.From(run, CompareMode.Detectors);

        Assert.Equal(("3PC, perfect detector", "3PC, timeout detector"), (left.Name, right.Name));
        Assert.Equal((DetectorKind.Perfect, DetectorKind.Timeout), (left.Scenario.FailureDetector, right.Scenario.FailureDetector));
        Assert.All(new[] { left, right }, side => Assert.Equal(ProtocolKind.ThreePhase, side.Scenario.Protocol));
    }

    [Fact]
    public void A_tahoe_run_cannot_be_compared_and_says_what_can()
    {
        var run = RepositoryFiles.Scenario("tahoe-2pc").Scenario;

        var refused = Assert.Throws<ScenarioException>(() => CompareSetup.From(run, CompareMode.Protocols));

        Assert.Contains("Open a 2PC, 3PC or Paxos Commit run", refused.Message);
    }

    [Theory]
    [InlineData(new[] { "P1", "P2", "P3" }, "P1–P3")]
    [InlineData(new[] { "P2", "P3" }, "P2, P3")]
    [InlineData(new[] { "P1", "P3", "P4" }, "P1, P3, P4")]
    [InlineData(new[] { "L", "P1" }, "L, P1")]
    public void Groups_of_nodes_read_as_a_range_only_when_they_are_one(string[] nodes, string expected) =>
        Assert.Equal(expected, CompareVerdict.Range(nodes));
}
