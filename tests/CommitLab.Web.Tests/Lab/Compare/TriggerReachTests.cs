using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab.Compare;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Lab.Compare;

/// <summary>A trigger is judged against the role of the node it names, and what never fires is said in words a teacher can act on.</summary>
public class TriggerReachTests
{
    private static readonly Scenario TwoPhaseWithLog = new() { Protocol = ProtocolKind.TwoPhase, Participants = 3, OutcomeLog = true };

    [Theory]
    [InlineData("L logs prepared", "in 2PC only the participants write PREPARED")]
    [InlineData("LOG sends prepare", "in 2PC only the coordinator sends PREPARE")]
    [InlineData("L sends ack", "in 2PC only the participants and the outcome log send ACK")]
    [InlineData("L enters uncertain", "in 2PC only the participants are ever uncertain")]
    [InlineData("L logs precommit", "2PC never logs PRECOMMIT")]
    public void A_trigger_its_nodes_role_never_fires_says_which_roles_do(string trigger, string expected) =>
        Assert.Equal(expected, TriggerReach.WhyNot(FaultText.ParseTrigger(trigger), TwoPhaseWithLog));

    [Theory]
    [InlineData("P1 logs prepared")]
    [InlineData("L logs commit")]
    [InlineData("LOG logs commit")]
    [InlineData("P3 receives prepare")]
    [InlineData("P4 logs commit")] // a node this run lacks is FaultChecks' to name
    public void A_trigger_the_nodes_role_can_fire_is_let_through(string trigger) =>
        Assert.Null(TriggerReach.WhyNot(FaultText.ParseTrigger(trigger), TwoPhaseWithLog));

    [Fact]
    public void One_participant_is_named_in_the_singular()
    {
        var single = new Scenario { Protocol = ProtocolKind.ThreePhase, Participants = 1 };

        Assert.Equal("in 3PC only the participant writes PREPARED", TriggerReach.WhyNot(FaultText.ParseTrigger("L logs prepared"), single));
    }

    [Fact]
    public void A_run_lists_each_fault_that_never_fires_in_a_sentence_and_keeps_quiet_about_the_rest()
    {
        var run = TwoPhaseWithLog with
        {
            Faults =
            [
                new(new FaultTiming.OnTrigger(FaultText.ParseTrigger("L logs prepared")), FaultText.ParseAction("crash P1")),
                new(new FaultTiming.OnTrigger(FaultText.ParseTrigger("P1 logs prepared")), FaultText.ParseAction("crash L")),
                new(new FaultTiming.AtTick(50), FaultText.ParseAction("crash P2")),
                new(new FaultTiming.OnTrigger(FaultText.ParseTrigger("P2 enters precommitted")), FaultText.ParseAction("crash L")),
            ],
        };

        Assert.Equal(
            [
                "“crash P1 when L logs prepared” never fires: in 2PC only the participants write PREPARED.",
                "“crash L when P2 enters precommitted” never fires: no 2PC node is ever precommitted.",
            ],
            TriggerReach.NeverFiring(run));
    }

    [Fact]
    public void No_shipped_scenario_has_a_fault_that_never_fires()
    {
        var found = RepositoryFiles.Scenarios.Scenarios.SelectMany(s => TriggerReach.NeverFiring(s.Scenario).Select(n => $"{s.Name}: {n}"));

        Assert.Empty(found);
    }
}
