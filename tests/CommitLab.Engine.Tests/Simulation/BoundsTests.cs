using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Protocols;

namespace CommitLab.Engine.Tests.Simulation;

/// <summary>Beyond a bound: a clear error, never a hang.</summary>
public class BoundsTests
{
    [Theory]
    [InlineData(0, "participants must be between 1 and 16, not 0")]
    [InlineData(17, "participants must be between 1 and 16, not 17")]
    public void Participant_counts_outside_1_to_16_are_refused(int participants, string message)
    {
        var error = Assert.Throws<ScenarioException>(() => Simulator.Create(Runs.TwoPc() with { Participants = participants }));

        Assert.Contains(error.Errors, e => e.Message == message);
    }

    [Fact]
    public void Sixteen_participants_run_fine()
    {
        Assert.Equal(4 * 16, Simulator.Create(Runs.TwoPc(16)).RunToEnd().Messages.Sent);
    }

    [Fact]
    public void Absurd_tick_limits_latencies_and_loss_are_refused_together()
    {
        var scenario = Runs.TwoPc() with { MaxTicks = 2_000_000, Network = new NetworkSettings(0, 10, 1.5) };

        var error = Assert.Throws<ScenarioException>(() => Simulator.Create(scenario));

        Assert.Contains(error.Errors, e => e.Message.StartsWith("maxTicks must be between 1 and 1000000", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.StartsWith("network latency must be", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.StartsWith("network loss must be", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_that_never_settles_stops_at_its_tick_limit()
    {
        var scenario = (Runs.TwoPc(3) with { MaxTicks = 5_000 }).With(Runs.When("L logs commit", "crash L"));

        var result = Simulator.Create(scenario).RunToEnd();

        Assert.Equal(5_000, result.Ticks);
        Assert.Equal(RunOutcome.Blocked, result.Outcome);
    }

    [Fact]
    public void A_run_where_nothing_can_happen_any_more_ends_undecided_rather_than_spinning()
    {
        // L's first prepare is lost and L crashes at once, for good: nobody ever votes, nothing is
        // pending, and participants that never voted have no reason to act.
        var scenario = (Runs.TwoPc(1) with { CooperativeTermination = false })
            .With(Runs.When("L sends prepare to P1", "drop"), Runs.When("L sends prepare to P1", "crash L"));

        var result = Simulator.Create(scenario).RunToEnd();

        Assert.Equal(RunOutcome.Undecided, result.Outcome);
        Assert.True(result.Ticks < 1_000);
    }

    [Fact]
    public void Unknown_nodes_in_votes_and_faults_are_named_in_the_error()
    {
        var scenario = (Runs.TwoPc(2) with { NoVoters = ["P5"] }).With(Runs.At(10, "crash P7"));

        var error = Assert.Throws<ScenarioException>(() => Simulator.Create(scenario));

        Assert.Contains(error.Errors, e => e.Message.Contains("'P5'", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.Contains("unknown node 'P7'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_outcome_log_is_refused_for_3pc()
    {
        var error = Assert.Throws<ScenarioException>(() => Simulator.Create(Runs.ThreePc() with { OutcomeLog = true }));

        Assert.Contains(error.Errors, e => e.Message.Contains("outcomeLog is a 2PC option", StringComparison.Ordinal));
    }
}
